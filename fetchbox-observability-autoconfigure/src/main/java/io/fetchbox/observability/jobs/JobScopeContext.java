package io.fetchbox.observability.jobs;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * {@link Observation.Context} of the {@code job} observation that
 * {@link JobScopes#open(JobContext)} starts: a child of the current observation or span
 * of the thread, or the root of a new trace.
 *
 * @since 0.1.0
 */
public class JobScopeContext extends Observation.Context {

	private final JobContext job;

	private final boolean tracePresent;

	private final ScopeOutcome result = new ScopeOutcome();

	/**
	 * Create a new context.
	 * @param job the job
	 * @param tracePresent whether the scope continues a trace that was current when it
	 * opened
	 */
	public JobScopeContext(JobContext job, boolean tracePresent) {
		this.job = job;
		this.tracePresent = tracePresent;
	}

	/**
	 * Return the job.
	 * @return the job
	 */
	public JobContext getJob() {
		return this.job;
	}

	/**
	 * Return whether the scope continues a trace that was current when it opened.
	 * @return whether trace context was present
	 */
	public boolean isTracePresent() {
		return this.tracePresent;
	}

	/**
	 * Return the outcome, once known.
	 * @return the outcome or {@code null} while the scope is open
	 */
	public @Nullable TaskOutcome getOutcome() {
		return this.result.outcome();
	}

	/**
	 * Return the failure code of a failed scope.
	 * @return the failure code or {@code null}
	 */
	public @Nullable String getFailureCode() {
		return this.result.failureCode();
	}

	ScopeOutcome result() {
		return this.result;
	}

}
