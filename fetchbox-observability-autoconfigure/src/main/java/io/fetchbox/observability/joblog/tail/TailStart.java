package io.fetchbox.observability.joblog.tail;

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
		if (offset < 0) {
			throw new IllegalArgumentException("'offset' must not be negative");
		}
		return new Offset(offset);
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
	 * @param offset first offset to read
	 */
	record Offset(long offset) implements TailStart {
	}

	/**
	 * Start at an append time.
	 *
	 * @param time earliest append time
	 */
	record Since(Instant time) implements TailStart {
	}

}
