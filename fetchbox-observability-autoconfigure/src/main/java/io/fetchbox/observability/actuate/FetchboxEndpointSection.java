package io.fetchbox.observability.actuate;

/**
 * A section of the {@code fetchbox} actuator endpoint. Implementations must be cheap (no
 * I/O) and never expose secrets.
 *
 * @since 0.1.0
 */
public interface FetchboxEndpointSection {

	/**
	 * Key of the section in the endpoint's response.
	 * @return the name
	 */
	String name();

	/**
	 * Current content, serialisable by Jackson.
	 * @return the content
	 */
	Object snapshot();

}
