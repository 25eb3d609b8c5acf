package io.fetchbox.observability.jobs;

import java.time.Duration;

/**
 * Callbacks around every {@link JobScope}, including the scopes of task messages
 * ({@link JobScope#isTask()}), for metrics and for flushing a job's buffered logs when
 * its scope ends. Both run on the scope's thread with the job context still in MDC;
 * implementations must be quick and must not throw.
 *
 * @since 0.1.0
 */
public interface JobScopeListener {

	/**
	 * Called when a scope opens.
	 * @param scope the scope
	 */
	default void scopeOpened(JobScope scope) {
	}

	/**
	 * Called when a scope closes, after its completion or failure has been logged.
	 * @param scope the scope
	 * @param outcome how it ended
	 * @param duration how long the scope was open
	 */
	default void scopeClosed(JobScope scope, TaskOutcome outcome, Duration duration) {
	}

}
