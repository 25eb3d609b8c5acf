package io.fetchbox.observability.autoconfigure.jobs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import io.fetchbox.observability.jobs.TaskOutcome;
import io.fetchbox.observability.jobs.TaskScopeListener;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * Feeds task scopes into {@link WorkerMetrics}: the in-flight gauge, the task counter
 * (with {@code trace} present or missing) and the task duration. A scope opens and closes
 * on one thread, so the running task is kept per thread.
 */
class WorkerMetricsTaskScopeListener implements TaskScopeListener {

	private final WorkerMetrics metrics;

	private final ThreadLocal<Deque<WorkerMetrics.Task>> running = ThreadLocal.withInitial(ArrayDeque::new);

	WorkerMetricsTaskScopeListener(WorkerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void taskStarted(DownloadTask task, boolean tracePresent) {
		this.running.get().push(this.metrics.startTask(task.getJobType(), tracePresent));
	}

	@Override
	public void taskFinished(DownloadTask task, TaskOutcome outcome, Duration duration, boolean tracePresent) {
		Deque<WorkerMetrics.Task> tasks = this.running.get();
		WorkerMetrics.Task running = tasks.poll();
		if (tasks.isEmpty()) {
			this.running.remove();
		}
		if (running != null) {
			running.complete(outcome);
		}
	}

}
