package io.fetchbox.observability.health;

import org.springframework.boot.health.contributor.Health;

/**
 * One readiness check of a dependency. Implementations may block (they run on the probe
 * executor, never on the request thread) and report {@code up}/{@code down} with a few
 * details on the builder; throwing reports DOWN with the exception. A check that takes
 * longer than the time budget is reported DOWN without waiting for it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HealthProbe {

	/**
	 * Check the dependency.
	 * @param builder the builder to report on
	 * @throws Exception when the check fails
	 */
	void probe(Health.Builder builder) throws Exception;

}
