package io.fetchbox.observability.jobs;

import java.time.Duration;

import io.fetchbox.observability.joblog.JobLogFlusher;

/**
 * Sends a job's buffered {@code jobs.logs} records when one of its scopes ends (job
 * scopes and task scopes alike), so the scope's logs (including its completion line)
 * reach operators without waiting for the flush interval.
 *
 * @since 0.1.0
 */
public class JobLogFlushingListener implements JobScopeListener {

	private final JobLogFlusher flusher;

	/**
	 * Create a new listener.
	 * @param flusher the job log emitter
	 */
	public JobLogFlushingListener(JobLogFlusher flusher) {
		this.flusher = flusher;
	}

	@Override
	public void scopeClosed(JobScope scope, TaskOutcome outcome, Duration duration) {
		String jobId = scope.job().jobId();
		if (!jobId.isEmpty()) {
			this.flusher.flush(jobId);
		}
	}

}
