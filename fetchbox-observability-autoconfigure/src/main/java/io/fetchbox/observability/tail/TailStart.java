package io.fetchbox.observability.tail;

import java.time.Instant;

/**
 * Where a tail starts reading the job's partition.
 *
 * @since 0.1.0
 */
public sealed interface TailStart {

	/**
	 * From the first message still held by the partition.
	 * @return the start point
	 */
	static TailStart beginning() {
		return Beginning.INSTANCE;
	}

	/**
	 * From the given partition offset (inclusive).
	 * @param offset the first offset to read
	 * @return the start point
	 */
	static TailStart offset(long offset) {
		return offset(Offset.ANY_PARTITION, offset);
	}

	/**
	 * From the given offset of the given partition (inclusive), e.g. to resume after an
	 * SSE {@code Last-Event-ID}. When the job's records are in another partition (the
	 * topic's partition count changed, or the id is not the job's), the offset means
	 * nothing there: the tail starts at the partition's first message instead, so nothing
	 * is skipped (records seen before come again, with their {@code seq}).
	 * @param partition the partition the offset belongs to
	 * @param offset the first offset to read
	 * @return the start point
	 */
	static TailStart offset(long partition, long offset) {
		if (offset < 0) {
			throw new IllegalArgumentException("'offset' must not be negative");
		}
		if (partition < Offset.ANY_PARTITION) {
			throw new IllegalArgumentException("'partition' must not be negative");
		}
		return new Offset(partition, offset);
	}

	/**
	 * From the first message appended at or after {@code time}.
	 * @param time the earliest append time
	 * @return the start point
	 */
	static TailStart since(Instant time) {
		return new Since(time);
	}

	/**
	 * Start at the partition's first message.
	 */
	enum Beginning implements TailStart {

		/** The only instance. */
		INSTANCE

	}

	/**
	 * Start at an offset.
	 *
	 * @param partition the partition the offset belongs to, {@link #ANY_PARTITION} when
	 * it is the job's partition, whichever that is
	 * @param offset first offset to read
	 */
	record Offset(long partition, long offset) implements TailStart {

		/** The offset is taken as one of the job's partition. */
		public static final long ANY_PARTITION = -1;

	}

	/**
	 * Start at an append time.
	 *
	 * @param time earliest append time
	 */
	record Since(Instant time) implements TailStart {
	}

}
