package io.fetchbox.observability.joblog;

import java.time.Duration;

import io.fetchbox.observability.jobs.TaskOutcome;
import io.fetchbox.observability.jobs.TaskScopeListener;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * Sends a job's buffered records when one of its task scopes ends, so a finished task's
 * log (including its completion line) does not wait for the flush interval.
 *
 * @since 0.1.0
 */
public class JobLogTaskScopeFlusher implements TaskScopeListener {

	private final JobLogFlusher flusher;

	public JobLogTaskScopeFlusher(JobLogFlusher flusher) {
		this.flusher = flusher;
	}

	@Override
	public void taskFinished(DownloadTask task, TaskOutcome outcome, Duration duration, boolean tracePresent) {
		if (!task.getJobId().isEmpty()) {
			this.flusher.flush(task.getJobId());
		}
	}

}
