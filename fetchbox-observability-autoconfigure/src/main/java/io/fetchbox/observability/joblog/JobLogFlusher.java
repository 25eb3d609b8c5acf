package io.fetchbox.observability.joblog;

/**
 * Asks the job log emitter to send a job's buffered records now, e.g. when a task scope
 * ends. Never blocks and never touches the network on the calling thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface JobLogFlusher {

	/**
	 * Send the job's buffered records without waiting for the flush interval.
	 * @param jobId the job id
	 */
	void flush(String jobId);

}
