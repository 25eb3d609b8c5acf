package io.fetchbox.observability.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * An open {@code task} observation with the job context in MDC. Call {@link #success()}
 * or {@link #failure(String, String, Throwable)} when the outcome is known, and
 * {@link #close()} on every path (try-with-resources). A scope closed without an outcome
 * counts as a failure: the task did not complete.
 *
 * @since 0.1.0
 * @see TaskObservations#start(DownloadTask, Map)
 */
public final class TaskScope implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TaskScope.class);

	private static final String[] MDC_KEYS = { CorrelationKeys.JOB_ID, CorrelationKeys.RESOURCE_ID,
			CorrelationKeys.JOB_TYPE, CorrelationKeys.TENANT };

	private final Observation observation;

	private final TaskReceiverContext context;

	private final AtomicInteger inflight;

	private final List<TaskScopeListener> listeners;

	private final Map<String, @Nullable String> previousMdc = new LinkedHashMap<>();

	private final Observation.Scope observationScope;

	private final long startNanos = System.nanoTime();

	private @Nullable String failureMessage;

	private boolean closed;

	TaskScope(Observation observation, TaskReceiverContext context, AtomicInteger inflight,
			List<TaskScopeListener> listeners) {
		this.observation = observation;
		this.context = context;
		this.inflight = inflight;
		this.listeners = listeners;
		DownloadTask task = context.getTask();
		putMdc(CorrelationKeys.JOB_ID, task.getJobId());
		putMdc(CorrelationKeys.RESOURCE_ID, task.getResourceId());
		putMdc(CorrelationKeys.JOB_TYPE, task.getJobType());
		putMdc(CorrelationKeys.TENANT, task.getTenant());
		observation.start();
		this.observationScope = observation.openScope();
		inflight.incrementAndGet();
		for (TaskScopeListener listener : listeners) {
			notify(() -> listener.taskStarted(task, context.isTracePresent()));
		}
	}

	/**
	 * Return the underlying observation, for example as the parent of child observations
	 * on other threads.
	 * @return the observation
	 */
	public Observation observation() {
		return this.observation;
	}

	/**
	 * Return the task.
	 * @return the task
	 */
	public DownloadTask task() {
		return this.context.getTask();
	}

	/**
	 * Return whether the task arrived with trace context.
	 * @return whether trace context was present
	 */
	public boolean tracePresent() {
		return this.context.isTracePresent();
	}

	/**
	 * Record that the task completed.
	 */
	public void success() {
		this.context.setOutcome(TaskOutcome.SUCCEEDED);
		this.context.setFailureCode(null);
		this.failureMessage = null;
	}

	/**
	 * Record that the task failed for good.
	 * @param code a short failure code (for example {@code http_404})
	 * @param message a human-readable message
	 * @param error the cause, if any (recorded on the span)
	 */
	public void failure(String code, String message, @Nullable Throwable error) {
		fail(TaskOutcome.FAILED, code, message, error);
	}

	/**
	 * Record that the task failed for good and was sent to the dead-letter topic.
	 * @param code a short failure code (for example {@code http_404})
	 * @param message a human-readable message
	 * @param error the cause, if any (recorded on the span)
	 */
	public void deadLettered(String code, String message, @Nullable Throwable error) {
		fail(TaskOutcome.DEAD_LETTERED, code, message, error);
	}

	private void fail(TaskOutcome outcome, String code, String message, @Nullable Throwable error) {
		this.context.setOutcome(outcome);
		this.context.setFailureCode(code);
		this.failureMessage = message;
		if (error != null) {
			this.observation.error(error);
		}
	}

	/**
	 * Log the completion or failure, notify listeners, stop the observation and restore
	 * MDC. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (this.context.getOutcome() == null) {
				failure("incomplete", "task scope closed without an outcome", null);
			}
			TaskOutcome outcome = this.context.getOutcome();
			Duration duration = Duration.ofNanos(System.nanoTime() - this.startNanos);
			logOutcome(outcome, duration);
			for (TaskScopeListener listener : this.listeners) {
				notify(() -> listener.taskFinished(this.context.getTask(), outcome, duration,
						this.context.isTracePresent()));
			}
		}
		finally {
			this.inflight.decrementAndGet();
			this.observationScope.close();
			this.observation.stop();
			restoreMdc();
		}
	}

	private void logOutcome(TaskOutcome outcome, Duration duration) {
		if (outcome == TaskOutcome.SUCCEEDED) {
			logger.atInfo()
				.addKeyValue("outcome", outcome.tagValue())
				.addKeyValue("duration_ms", duration.toMillis())
				.log("task completed");
		}
		else {
			logger.atWarn()
				.addKeyValue("outcome", outcome.tagValue())
				.addKeyValue("duration_ms", duration.toMillis())
				.addKeyValue("error_code", this.context.getFailureCode())
				.log("task failed: {}", this.failureMessage);
		}
	}

	private void putMdc(String key, String value) {
		this.previousMdc.put(key, MDC.get(key));
		if (value.isEmpty()) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, value);
		}
	}

	private void restoreMdc() {
		for (String key : MDC_KEYS) {
			String previous = this.previousMdc.get(key);
			if (previous == null) {
				MDC.remove(key);
			}
			else {
				MDC.put(key, previous);
			}
		}
	}

	private static void notify(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Task scope listener failed", ex);
		}
	}

}
