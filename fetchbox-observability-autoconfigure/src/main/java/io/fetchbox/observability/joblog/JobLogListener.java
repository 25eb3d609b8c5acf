package io.fetchbox.observability.joblog;

import java.time.Duration;

/**
 * Callbacks from the {@link JobLogPipeline}, for metrics and health. Called on the
 * application thread (drops) or on I/O threads (batches): keep them cheap, never block
 * and never log.
 *
 * @since 0.1.0
 */
public interface JobLogListener {

	/**
	 * Records were dropped.
	 * @param reason why
	 * @param count how many
	 */
	default void recordsDropped(DropReason reason, int count) {
	}

	/**
	 * A batch was delivered.
	 * @param records records in the batch
	 * @param bytes estimated size of the batch
	 * @param latency time from sending to the broker's acknowledgement
	 */
	default void batchSent(int records, long bytes, Duration latency) {
	}

	/**
	 * A batch failed; its records are buffered again for a retry unless the failure is
	 * final (then they are reported through {@link #recordsDropped}).
	 * @param records records in the batch
	 * @param failure summary of the failure
	 * @param retried whether the records will be retried
	 */
	default void batchFailed(int records, String failure, boolean retried) {
	}

}
