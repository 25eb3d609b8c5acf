package io.fetchbox.observability.jobs;

/**
 * How a download task ended: the {@code outcome} tag of the task observation and of
 * {@code fetchbox_worker_tasks_total}.
 *
 * @since 0.1.0
 */
public enum TaskOutcome {

	/** The resource was downloaded and stored. */
	SUCCEEDED("succeeded"),

	/** The task failed for good and was not dead-lettered. */
	FAILED("failed"),

	/** The task failed and is scheduled for another attempt. */
	RETRIED("retried"),

	/** The task failed for good and was published to the dead-letter topic. */
	DEAD_LETTERED("dead_lettered"),

	/** Not processed (duplicate, cancelled job). */
	SKIPPED("skipped");

	private final String tagValue;

	TaskOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the value used for the {@code outcome} tag.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
