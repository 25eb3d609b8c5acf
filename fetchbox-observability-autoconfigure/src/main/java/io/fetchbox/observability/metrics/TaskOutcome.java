package io.fetchbox.observability.metrics;

/**
 * Outcome of a download task: the {@code outcome} tag of the worker task meters.
 *
 * @since 0.1.0
 */
public enum TaskOutcome {

	/** Downloaded and stored. */
	SUCCEEDED("succeeded"),

	/** Failed for good (not retried, not dead-lettered). */
	FAILED("failed"),

	/** Failed and scheduled for another attempt. */
	RETRIED("retried"),

	/** Given up on and published to the dead letter topic. */
	DEAD_LETTERED("dead_lettered"),

	/** Not processed (duplicate, cancelled job). */
	SKIPPED("skipped");

	private final String tagValue;

	TaskOutcome(String tagValue) {
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
