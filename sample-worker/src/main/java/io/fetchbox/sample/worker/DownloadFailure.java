package io.fetchbox.sample.worker;

/**
 * A failed download or store, with a short code for metrics, status and the dead-letter
 * message, and whether trying again may help.
 */
class DownloadFailure extends Exception {

	private final String code;

	private final boolean retryable;

	private int attempts = 1;

	DownloadFailure(String code, String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.code = code;
		this.retryable = retryable;
	}

	DownloadFailure(String code, String message, boolean retryable) {
		super(message);
		this.code = code;
		this.retryable = retryable;
	}

	String code() {
		return this.code;
	}

	int attempts() {
		return this.attempts;
	}

	DownloadFailure attempts(int attempts) {
		this.attempts = attempts;
		return this;
	}

	boolean retryable() {
		return this.retryable;
	}

}
