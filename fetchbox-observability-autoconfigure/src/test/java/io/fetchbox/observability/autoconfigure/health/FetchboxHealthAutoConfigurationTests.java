package io.fetchbox.observability.autoconfigure.health;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.fetchbox.observability.health.BudgetedHealthIndicator;
import io.fetchbox.observability.health.FilesystemStorageHealthProbe;
import io.fetchbox.observability.health.ParallelHealthProbes;
import io.fetchbox.observability.health.StorageHealthProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FetchboxHealthProbesAutoConfiguration} and
 * {@link FetchboxHealthContributorAutoConfiguration}.
 */
class FetchboxHealthAutoConfigurationTests {

	@TempDir
	Path temp;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(FetchboxHealthProbesAutoConfiguration.class, FetchboxHealthContributorAutoConfiguration.class));

	@Test
	void storageIndicatorFromDirectoryProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.health.storage.directory=" + this.temp).run((context) -> {
			assertThat(context).hasSingleBean(FilesystemStorageHealthProbe.class).hasBean("storageHealthIndicator");
			Health health = context.getBean("storageHealthIndicator", BudgetedHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void noStorageIndicatorWithoutProbe() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("storageHealthIndicator")
			.doesNotHaveBean("ledgerHealthIndicator")
			.hasSingleBean(ParallelHealthProbes.class));
	}

	@Test
	void serviceProbeReplacesShippedOne() {
		StorageHealthProbe own = (builder) -> builder.up().withDetail("type", "own");
		this.runner.withPropertyValues("fetchbox.telemetry.health.storage.directory=" + this.temp)
			.withBean(StorageHealthProbe.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(FilesystemStorageHealthProbe.class);
				assertThat(
						context.getBean("storageHealthIndicator", BudgetedHealthIndicator.class).health().getDetails())
					.containsEntry("type", "own");
			});
	}

	@Test
	void indicatorTogglesFollowBoot() {
		this.runner
			.withPropertyValues("fetchbox.telemetry.health.storage.directory=" + this.temp,
					"management.health.storage.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("storageHealthIndicator"));
	}

	@Test
	void invalidTimeoutFailsStartup() {
		this.runner.withPropertyValues("fetchbox.telemetry.health.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseMessage("'fetchbox.telemetry.health.timeout' must be positive"));
	}

	@Test
	void backsOffWithoutHealthModule() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues("fetchbox.telemetry.health.storage.directory=" + this.temp)
			.run((context) -> assertThat(context).doesNotHaveBean(ParallelHealthProbes.class)
				.doesNotHaveBean(StorageHealthProbe.class));
	}

}
