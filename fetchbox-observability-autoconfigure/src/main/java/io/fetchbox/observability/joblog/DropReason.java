package io.fetchbox.observability.joblog;

import java.util.Locale;

/**
 * Why a job log record was dropped. The {@link #tag()} values are the closed set of the
 * {@code reason} tag of {@code fetchbox.log.emitter.dropped}.
 *
 * @since 0.1.0
 */
public enum DropReason {

	/** The buffer was full (records or bytes). */
	QUEUE_FULL,

	/** The record alone is larger than the whole byte budget. */
	TOO_LARGE,

	/** The early buffer (before the Iggy client is attached) was full. */
	NOT_READY,

	/** The broker rejected the batch as invalid; retrying would not help. */
	REJECTED,

	/**
	 * Still buffered when the shutdown grace period ran out, or logged after shutdown.
	 */
	SHUTDOWN,

	/** The job id cannot be used as a message key (longer than 255 characters). */
	INVALID;

	/**
	 * The metric tag value.
	 * @return lower-case name, e.g. {@code queue_full}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
