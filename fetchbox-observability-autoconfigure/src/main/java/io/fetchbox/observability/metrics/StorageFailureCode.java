package io.fetchbox.observability.metrics;

/**
 * Why an upload to object storage failed: the {@code code} tag of
 * {@code fetchbox_worker_storage_failures_total}.
 *
 * @since 0.1.0
 */
public enum StorageFailureCode {

	/** The storage did not answer in time. */
	TIMEOUT("timeout"),

	/** The storage could not be reached or answered 5xx. */
	UNAVAILABLE("unavailable"),

	/** Credentials were refused. */
	ACCESS_DENIED("access_denied"),

	/** The bucket or directory does not exist. */
	BUCKET_NOT_FOUND("bucket_not_found"),

	/** A local I/O error (disk full, permissions). */
	IO_ERROR("io_error"),

	/** Any other failure. */
	OTHER("other");

	private final String tagValue;

	StorageFailureCode(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Value of the tag in a scrape.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
