package io.fetchbox.observability.metrics;

/**
 * Result of a job submission: the {@code result} tag of
 * {@code fetchbox_ingest_jobs_total}.
 *
 * @since 0.1.0
 */
public enum IngestResult {

	/** Accepted and queued. */
	ACCEPTED("accepted"),

	/** Answered from an earlier submission with the same idempotency key. */
	DUPLICATE("duplicate"),

	/** Rejected as invalid (400). */
	INVALID("invalid"),

	/** Not accepted because a dependency (ledger, Iggy) is unavailable. */
	UNAVAILABLE("unavailable"),

	/** Failed for another reason. */
	FAILED("failed");

	private final String tagValue;

	IngestResult(String tagValue) {
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
