package io.fetchbox.observability.testkit;

/**
 * A command failure carrying the Iggy 0.8.0 status code that goes on the wire.
 */
final class IggyErrorException extends RuntimeException {

	private final int code;

	IggyErrorException(int code) {
		super("Iggy error " + code, null, false, false);
		this.code = code;
	}

	int code() {
		return this.code;
	}

}
