package io.fetchbox.observability.jobs;

import java.time.Duration;

import io.fetchbox.observability.messages.DownloadTask;

/**
 * Callbacks around each {@link TaskScope}, for metrics and for flushing a job's buffered
 * logs when a task ends. Both run on the task's thread with the job context still in MDC;
 * implementations must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface TaskScopeListener {

	/**
	 * Called when a task scope opens.
	 * @param task the task
	 * @param tracePresent whether the task arrived with trace context
	 */
	default void taskStarted(DownloadTask task, boolean tracePresent) {
	}

	/**
	 * Called when a task scope closes, after its completion or failure has been logged.
	 * @param task the task
	 * @param outcome how it ended
	 * @param duration how long the scope was open
	 * @param tracePresent whether the task arrived with trace context
	 */
	default void taskFinished(DownloadTask task, TaskOutcome outcome, Duration duration, boolean tracePresent) {
	}

}
