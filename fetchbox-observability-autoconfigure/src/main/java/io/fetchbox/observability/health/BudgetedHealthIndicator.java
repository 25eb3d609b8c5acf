package io.fetchbox.observability.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * A health indicator whose check runs in {@link ParallelHealthProbes}: in parallel with
 * the other FetchBox checks and bounded by the time budget, so a hung dependency makes it
 * DOWN in time and never makes the health request hang.
 *
 * @since 0.1.0
 */
public class BudgetedHealthIndicator extends AbstractHealthIndicator {

	private final String name;

	private final ParallelHealthProbes probes;

	/**
	 * Create the indicator and register its probe.
	 * @param name the contributor name ({@code iggy}, {@code storage}, {@code ledger})
	 * @param probe the check
	 * @param probes the runner
	 */
	public BudgetedHealthIndicator(String name, HealthProbe probe, ParallelHealthProbes probes) {
		super(name + " health check failed");
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(probe, "'probe' must not be null");
		Assert.notNull(probes, "'probes' must not be null");
		this.name = name;
		this.probes = probes;
		probes.register(name, probe);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Health health = this.probes.health(this.name);
		builder.status(health.getStatus()).withDetails(health.getDetails());
	}

}
