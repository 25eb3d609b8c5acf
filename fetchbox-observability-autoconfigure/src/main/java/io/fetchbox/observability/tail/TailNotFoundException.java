package io.fetchbox.observability.tail;

/**
 * The stream or topic to read does not exist.
 *
 * @since 0.1.0
 */
public class TailNotFoundException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message what was not found
	 */
	public TailNotFoundException(String message) {
		super(message);
	}

}
