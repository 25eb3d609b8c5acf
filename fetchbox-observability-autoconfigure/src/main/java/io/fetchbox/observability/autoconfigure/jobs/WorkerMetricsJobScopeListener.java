package io.fetchbox.observability.autoconfigure.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fetchbox.observability.jobs.JobScope;
import io.fetchbox.observability.jobs.JobScopeListener;
import io.fetchbox.observability.jobs.TaskOutcome;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * Feeds task scopes into {@link WorkerMetrics}: the in-flight gauge, the task counter
 * (with {@code trace} present or missing) and the task duration. Job scopes opened by
 * other code are not download tasks: their own observation timer counts them.
 */
class WorkerMetricsJobScopeListener implements JobScopeListener {

	private final WorkerMetrics metrics;

	private final Map<JobScope, WorkerMetrics.Task> running = new ConcurrentHashMap<>();

	WorkerMetricsJobScopeListener(WorkerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void scopeOpened(JobScope scope) {
		if (scope.isTask()) {
			this.running.put(scope, this.metrics.startTask(scope.job().jobType(), scope.tracePresent()));
		}
	}

	@Override
	public void scopeClosed(JobScope scope, TaskOutcome outcome, Duration duration) {
		WorkerMetrics.Task task = this.running.remove(scope);
		if (task != null) {
			task.complete(outcome);
		}
	}

}
