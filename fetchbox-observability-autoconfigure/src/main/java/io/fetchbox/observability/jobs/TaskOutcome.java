package io.fetchbox.observability.jobs;

/**
 * How a task ended.
 *
 * @since 0.1.0
 */
public enum TaskOutcome {

	/** The resource was downloaded and stored. */
	SUCCESS("success"),

	/** The task failed; it may be retried or dead-lettered by the worker. */
	FAILURE("failure");

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
