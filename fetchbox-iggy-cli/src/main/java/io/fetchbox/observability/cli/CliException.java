package io.fetchbox.observability.cli;

/**
 * A failure reported to the shell user as one line and an exit code.
 *
 * @since 0.1.0
 */
class CliException extends RuntimeException {

	/** Bad flags or input. */
	static final int USAGE = 1;

	/** Broker unreachable, timing out, or refusing the credentials. */
	static final int CONNECTION = 2;

	/** Stream, topic or job not found. */
	static final int NOT_FOUND = 3;

	private final int exitCode;

	CliException(int exitCode, String message) {
		super(message, null, false, false);
		this.exitCode = exitCode;
	}

	int exitCode() {
		return this.exitCode;
	}

}
