package io.fetchbox.observability.tail;

import java.time.Instant;

import io.fetchbox.observability.messages.JobLog;

/**
 * A decoded {@code JobLog} with its place in the topic.
 *
 * @param partition partition it was read from
 * @param offset its offset in that partition
 * @param log the record
 * @param appendedMicros broker append time, microseconds since the epoch
 * @since 0.1.0
 */
public record TailedJobLog(long partition, long offset, JobLog log, long appendedMicros) {

	/**
	 * SSE-style event id, {@code partition:offset}.
	 * @return the event id
	 */
	public String eventId() {
		return this.partition + ":" + this.offset;
	}

	/**
	 * When the record was logged: its own {@code timestamp_ms}, else the append time.
	 * @return the instant
	 */
	public Instant timestamp() {
		long millis = this.log.getTimestampMs();
		return (millis > 0) ? Instant.ofEpochMilli(millis) : Instant.EPOCH.plusNanos(this.appendedMicros * 1000);
	}

}
