package io.fetchbox.observability.operator;

/**
 * Checks a presented password against one stored as {@code {id}encoded}, as Spring
 * Security's delegating password encoder writes it.
 *
 * @since 0.1.0
 * @see SpringSecurityPasswordMatcher
 */
@FunctionalInterface
public interface EncodedPasswordMatcher {

	/**
	 * Whether the presented password matches the stored one.
	 * @param presented the password sent by the client
	 * @param encoded the configured password, {@code {id}encoded}
	 * @return whether they match
	 * @throws IllegalArgumentException if the {@code id} is unknown
	 */
	boolean matches(String presented, String encoded);

}
