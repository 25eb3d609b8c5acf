package io.fetchbox.observability.jobs;

import org.jspecify.annotations.Nullable;

/**
 * How a job scope ended, shared by its observation context (read by the conventions when
 * the observation stops) and the scope (which records it).
 */
final class ScopeOutcome {

	private volatile @Nullable TaskOutcome outcome;

	private volatile @Nullable String failureCode;

	@Nullable TaskOutcome outcome() {
		return this.outcome;
	}

	@Nullable String failureCode() {
		return this.failureCode;
	}

	void set(TaskOutcome outcome, @Nullable String failureCode) {
		this.outcome = outcome;
		this.failureCode = failureCode;
	}

}
