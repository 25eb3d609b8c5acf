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

	default void appended(int streamId, int topicId, int partitionId, List<byte[]> frames) {
	}

	/** Metadata or offsets changed; a snapshot is due. */
	default void changed() {
	}

	default void streamDeleted(int streamId) {
	}

	default void topicDeleted(int streamId, int topicId) {
	}

	default void partitionDeleted(int streamId, int topicId, int partitionId) {
	}

}
