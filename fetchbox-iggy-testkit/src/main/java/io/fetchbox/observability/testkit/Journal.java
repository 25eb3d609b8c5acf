package io.fetchbox.observability.testkit;

import java.util.List;

/**
 * Receives the broker's changes so that a file-backed testkit can persist them. Called
 * with the broker lock held.
 */
interface Journal {

	/** A journal that keeps nothing (the in-memory mode). */
	Journal NONE = new Journal() {
	};

	/** Frames were appended to a partition (offsets, timestamps and ids filled in). */
	default void appended(PartitionLog partition, List<byte[]> frames) {
	}

	/** Streams, topics, partitions, groups or tokens changed: a snapshot is due now. */
	default void changed() {
	}

	/** Stored consumer offsets changed: a snapshot is due soon. */
	default void offsetsChanged() {
	}

}
