package io.fetchbox.observability.jobs;

import java.time.Duration;

import io.fetchbox.observability.joblog.JobLogFlusher;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * Sends a job's buffered {@code jobs.logs} records when one of its task scopes ends, so a
 * task's logs (including its completion line) reach operators without waiting for the
 * flush interval.
 *
 * @since 0.1.0
 */
public class JobLogFlushingListener implements TaskScopeListener {

	private final JobLogFlusher flusher;

	/**
	 * Create a new listener.
	 * @param flusher the job log emitter
	 */
	public JobLogFlushingListener(JobLogFlusher flusher) {
		this.flusher = flusher;
	}

	@Override
	public void taskFinished(DownloadTask task, TaskOutcome outcome, Duration duration, boolean tracePresent) {
		if (!task.getJobId().isEmpty()) {
			this.flusher.flush(task.getJobId());
		}
	}

}
