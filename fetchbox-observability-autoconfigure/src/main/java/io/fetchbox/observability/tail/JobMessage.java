package io.fetchbox.observability.tail;

import org.jspecify.annotations.Nullable;

/**
 * One message of the tailed job, as stored by the broker.
 *
 * @param partition partition it was read from
 * @param offset its offset in that partition
 * @param timestampMicros broker append time, microseconds since the epoch
 * @param payload the undecoded payload
 * @param resourceId the {@code resource_id} header of a message about one resource, else
 * {@code null}
 * @since 0.1.0
 */
public record JobMessage(long partition, long offset, long timestampMicros, byte[] payload,
		@Nullable String resourceId) {

	/**
	 * SSE-style event id, {@code partition:offset}.
	 * @return the event id
	 */
	public String eventId() {
		return this.partition + ":" + this.offset;
	}

}
