package io.fetchbox.observability.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.fetchbox.observability.logging.CorrelationKeys;

/**
 * Work done for one job on the current thread: the job fields in MDC (so every line
 * logged inside reaches {@code jobs.logs}), an open observation (a span that is a child
 * of the trace the thread was in, or of the trace a task message carried) and the outcome
 * meters. Call {@link #success()} or {@link #failure(String, String, Throwable)} when the
 * outcome is known and {@link #close()} on every path (try-with-resources); a scope
 * closed without an outcome counts as a failure with code {@code incomplete}. Closing
 * restores MDC and the current span as they were and sends the job's buffered
 * {@code jobs.logs} records. A scope is bound to the thread that opened it.
 *
 * @since 0.1.0
 * @see JobScopes#open(JobContext)
 * @see TaskObservations#start
 */
public final class JobScope implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JobScope.class);

	private static final String[] MDC_KEYS = { CorrelationKeys.JOB_ID, CorrelationKeys.RESOURCE_ID,
			CorrelationKeys.JOB_TYPE, CorrelationKeys.TENANT };

	private final String name;

	private final Observation observation;

	private final JobContext job;

	private final boolean tracePresent;

	private final boolean task;

	private final ScopeOutcome result;

	private final AtomicInteger inflight;

	private final List<JobScopeListener> listeners;

	private final @Nullable String[] previousMdc = new String[MDC_KEYS.length];

	private final Observation.Scope observationScope;

	private final long startNanos = System.nanoTime();

	private @Nullable String failureMessage;

	private boolean closed;

	JobScope(String name, Observation observation, JobContext job, boolean tracePresent, boolean task,
			ScopeOutcome result, AtomicInteger inflight, List<JobScopeListener> listeners) {
		this.name = name;
		this.observation = observation;
		this.job = job;
		this.tracePresent = tracePresent;
		this.task = task;
		this.result = result;
		this.inflight = inflight;
		this.listeners = listeners;
		String[] values = { job.jobId(), job.resourceId(), job.jobType(), job.tenant() };
		for (int i = 0; i < MDC_KEYS.length; i++) {
			this.previousMdc[i] = MDC.get(MDC_KEYS[i]);
			// An empty value removes the key: an outer scope's resource must not leak in.
			if (values[i].isEmpty()) {
				MDC.remove(MDC_KEYS[i]);
			}
			else {
				MDC.put(MDC_KEYS[i], values[i]);
			}
		}
		observation.start();
		this.observationScope = observation.openScope();
		inflight.incrementAndGet();
		for (JobScopeListener listener : listeners) {
			notify(() -> listener.scopeOpened(this));
		}
	}

	/**
	 * Return the job this scope works for.
	 * @return the job
	 */
	public JobContext job() {
		return this.job;
	}

	/**
	 * Return whether the scope continued an existing trace: the current span of the
	 * thread that opened it, or the trace context of a task message. {@code false} means
	 * the scope started a new trace; the {@code trace} tag of its meters says the same.
	 * @return whether trace context was present
	 */
	public boolean tracePresent() {
		return this.tracePresent;
	}

	/**
	 * Return whether this scope runs a task message (opened by
	 * {@link TaskObservations#start}).
	 * @return whether this is a task scope
	 */
	public boolean isTask() {
		return this.task;
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
	 * Record that the work succeeded.
	 */
	public void success() {
		this.result.set(TaskOutcome.SUCCEEDED, null);
		this.failureMessage = null;
	}

	/**
	 * Record that the work failed.
	 * @param code a short failure code (for example {@code http_404})
	 * @param message a human-readable message
	 * @param error the cause, if any (recorded on the span)
	 */
	public void failure(String code, String message, @Nullable Throwable error) {
		fail(TaskOutcome.FAILED, code, message, error);
	}

	void fail(TaskOutcome outcome, String code, String message, @Nullable Throwable error) {
		this.result.set(outcome, code);
		this.failureMessage = message;
		if (error != null) {
			this.observation.error(error);
		}
	}

	/**
	 * Log the completion or failure, notify listeners (which send the job's buffered
	 * {@code jobs.logs} records and record the meters), stop the observation and restore
	 * MDC and the previous span. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (this.result.outcome() == null) {
				failure("incomplete", this.name + " scope closed without an outcome", null);
			}
			TaskOutcome outcome = this.result.outcome();
			Duration duration = Duration.ofNanos(System.nanoTime() - this.startNanos);
			logOutcome(outcome, duration);
			for (JobScopeListener listener : this.listeners) {
				notify(() -> listener.scopeClosed(this, outcome, duration));
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
				.log("{} completed", this.name);
		}
		else {
			logger.atWarn()
				.addKeyValue("outcome", outcome.tagValue())
				.addKeyValue("duration_ms", duration.toMillis())
				.addKeyValue("error_code", this.result.failureCode())
				.log("{} failed: {}", this.name, this.failureMessage);
		}
	}

	private void restoreMdc() {
		for (int i = 0; i < MDC_KEYS.length; i++) {
			String previous = this.previousMdc[i];
			if (previous == null) {
				MDC.remove(MDC_KEYS[i]);
			}
			else {
				MDC.put(MDC_KEYS[i], previous);
			}
		}
	}

	private static void notify(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Job scope listener failed", ex);
		}
	}

}
