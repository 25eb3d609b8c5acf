package io.fetchbox.observability.joblog;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one job's batch of records. Implementations must not block: the pipeline's single
 * sender thread calls them.
 *
 * @since 0.1.0
 */
public interface JobLogTransport {

	/**
	 * Whether sending is possible now (e.g. the broker connection is up). While not
	 * ready, records stay buffered.
	 * @return whether to send
	 */
	boolean isReady();

	/**
	 * Send a batch of one job's records, in order, as one request.
	 * @param jobId the job id (the message key)
	 * @param records the records, oldest first
	 * @return completes when the broker acknowledged the batch
	 */
	CompletableFuture<Void> send(String jobId, List<JobLogRecord> records);

	/**
	 * Whether a failed batch should be retried. A final failure drops the batch.
	 * @param failure the failure
	 * @return {@code true} to retry
	 */
	default boolean isRetryable(Throwable failure) {
		return true;
	}

}
