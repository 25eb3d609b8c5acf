package io.fetchbox.observability.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Request id rules (PRODUCT.md section 5): an incoming id is reused only when it is a
 * well-formed short token (1 to 64 of {@code A-Z a-z 0-9 . _ : -}, starting with a letter
 * or digit); anything else is dropped, never echoed or logged, and a new random UUID is
 * used.
 *
 * @since 0.1.0
 */
public final class RequestIds {

	/**
	 * Request attribute holding the request id of the current request.
	 */
	public static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";

	private static final int MAX_LENGTH = 64;

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

	private RequestIds() {
	}

	/**
	 * Return the incoming id if it is well-formed, otherwise a new id.
	 * @param incoming the header value, possibly {@code null} or hostile
	 * @return the request id to use
	 */
	public static String acceptOrGenerate(@Nullable String incoming) {
		return isWellFormed(incoming) ? incoming : generate();
	}

	/**
	 * Whether the value is a well-formed request id.
	 * @param value the value to check
	 * @return {@code true} if the value may be reused as a request id
	 */
	public static boolean isWellFormed(@Nullable String value) {
		return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && TOKEN.matcher(value).matches();
	}

	/**
	 * Generate a new request id.
	 * @return a random (version 4) UUID string
	 */
	public static String generate() {
		// A correlation id, not a secret: ThreadLocalRandom instead of
		// UUID.randomUUID()'s
		// SecureRandom, which costs more and is shared by every request thread.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	/**
	 * Return the request id of a request handled by {@link RequestIdFilter}.
	 * @param request the request
	 * @return the request id, or {@code null} if the filter did not run
	 */
	public static @Nullable String current(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : null;
	}

}
