package io.fetchbox.observability.jobs;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.DownloadTask;

/**
 * The {@link JobScope} of one task message: the {@code task} observation with the job
 * context in MDC. Call {@link #success()}, {@link #failure(String, String, Throwable)} or
 * {@link #deadLettered(String, String, Throwable)} when the outcome is known, and
 * {@link #close()} on every path (try-with-resources). A scope closed without an outcome
 * counts as a failure: the task did not complete.
 *
 * @since 0.1.0
 * @see TaskObservations#start(DownloadTask, Map)
 */
public final class TaskScope implements AutoCloseable {

	private final JobScope scope;

	private final DownloadTask task;

	private final AtomicInteger inflight;

	private boolean closed;

	TaskScope(JobScope scope, DownloadTask task, AtomicInteger inflight) {
		this.scope = scope;
		this.task = task;
		this.inflight = inflight;
	}

	/**
	 * Return the job scope this task runs in.
	 * @return the job scope
	 */
	public JobScope jobScope() {
		return this.scope;
	}

	/**
	 * Return the underlying observation, for example as the parent of child observations
	 * on other threads.
	 * @return the observation
	 */
	public Observation observation() {
		return this.scope.observation();
	}

	/**
	 * Return the task.
	 * @return the task
	 */
	public DownloadTask task() {
		return this.task;
	}

	/**
	 * Return whether the task continued a trace: the message's trace context or, without
	 * one, the trace current on the thread.
	 * @return whether trace context was present
	 */
	public boolean tracePresent() {
		return this.scope.tracePresent();
	}

	/**
	 * Record that the task completed.
	 */
	public void success() {
		this.scope.success();
	}

	/**
	 * Record that the task failed for good.
	 * @param code a short failure code (for example {@code http_404})
	 * @param message a human-readable message
	 * @param error the cause, if any (recorded on the span)
	 */
	public void failure(String code, String message, @Nullable Throwable error) {
		this.scope.failure(code, message, error);
	}

	/**
	 * Record that the task failed for good and was sent to the dead-letter topic.
	 * @param code a short failure code (for example {@code http_404})
	 * @param message a human-readable message
	 * @param error the cause, if any (recorded on the span)
	 */
	public void deadLettered(String code, String message, @Nullable Throwable error) {
		this.scope.fail(TaskOutcome.DEAD_LETTERED, code, message, error);
	}

	/**
	 * Close the job scope (see {@link JobScope#close()}). Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.scope.close();
		}
		finally {
			this.inflight.decrementAndGet();
		}
	}

}
