package io.fetchbox.observability.joblog;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Snapshot of a {@link JobLogPipeline}, for the {@code fetchbox} actuator endpoint.
 *
 * @param attached whether a transport is attached
 * @param ready whether the transport can send now
 * @param closed whether the pipeline was shut down
 * @param queuedRecords records not yet acknowledged
 * @param queuedBytes estimated bytes not yet acknowledged
 * @param jobs jobs with records not yet acknowledged
 * @param sentRecords records delivered
 * @param sentBatches batches delivered
 * @param failedBatches batch sends that failed
 * @param droppedRecords dropped records by reason tag
 * @param lastError last send failure, or {@code null}
 * @since 0.1.0
 */
public record JobLogPipelineState(boolean attached, boolean ready, boolean closed, int queuedRecords, long queuedBytes,
		int jobs, long sentRecords, long sentBatches, long failedBatches, Map<String, Long> droppedRecords,
		@Nullable String lastError) {

}
