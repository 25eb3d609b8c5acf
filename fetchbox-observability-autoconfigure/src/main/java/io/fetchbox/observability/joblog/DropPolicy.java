package io.fetchbox.observability.joblog;

/**
 * What to drop when the job log buffer is full. Either way WARN and ERROR records are
 * preferred: a full buffer makes room for one by evicting the oldest lower-level record.
 *
 * @since 0.1.0
 */
public enum DropPolicy {

	/** Reject the record that does not fit (the default). */
	DROP_NEWEST,

	/** Evict the oldest buffered record that is not being sent to make room. */
	DROP_OLDEST

}
