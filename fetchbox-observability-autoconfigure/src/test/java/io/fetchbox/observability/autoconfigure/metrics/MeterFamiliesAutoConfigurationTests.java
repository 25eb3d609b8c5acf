package io.fetchbox.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.autoconfigure.FetchboxTelemetryAutoConfiguration;
import io.fetchbox.observability.autoconfigure.jobs.JobsAutoConfiguration;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.metrics.LedgerMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which meter families {@link FetchboxMetricsAutoConfiguration} exports from startup:
 * those of the recorders the application injects (the task observation API for the worker
 * family), those forced by {@code fetchbox.telemetry.metrics.families.*}, and no others.
 */
class MeterFamiliesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class,
				FetchboxMetricsAutoConfiguration.class, JobsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void aServiceThatInjectsNoRecorderExportsNoFamily() {
		this.runner.run((context) -> assertThat(bound(context).getMeters())
			.noneMatch((meter) -> meter.getId().getName().startsWith("fetchbox.")));
	}

	@Test
	void theFamiliesOfAnInjectedRecorderAreExportedFromStartup() {
		this.runner.withUserConfiguration(LedgerService.class).run((context) -> {
			MeterRegistry registry = bound(context);
			assertThat(registry.get("fetchbox.ledger.jobs.created").functionCounter().count()).isZero();
			assertThat(registry.find("fetchbox.ingest.jobs").meters()).isEmpty();
			assertThat(registry.find("fetchbox.worker.dlq").meters()).isEmpty();
		});
	}

	@Test
	void aServiceThatConsumesTasksExportsTheWorkerFamilyFromStartup() {
		this.runner.withUserConfiguration(TaskConsumer.class).run((context) -> {
			MeterRegistry registry = bound(context);
			assertThat(registry.get("fetchbox.worker.dlq").functionCounter().count()).isZero();
			assertThat(registry.get("fetchbox.worker.tasks.inflight").gauge().value()).isZero();
			assertThat(registry.find("fetchbox.ledger.jobs.created").meters()).isEmpty();
		});
	}

	@Test
	void propertiesForceFamiliesOnAndOff() {
		this.runner.withUserConfiguration(LedgerService.class)
			.withPropertyValues("fetchbox.telemetry.metrics.families.worker=true",
					"fetchbox.telemetry.metrics.families.ledger=false")
			.run((context) -> {
				MeterRegistry registry = bound(context);
				context.getBean(LedgerMetrics.class).jobCreated();
				assertThat(registry.find("fetchbox.ledger.jobs.created").meters()).isEmpty();
				assertThat(registry.get("fetchbox.worker.dlq").functionCounter().count()).isZero();
			});
	}

	@Test
	void anUnknownFamilyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.metrics.families.workers=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("fetchbox.telemetry.metrics.families"));
	}

	// What Boot does with every MeterBinder bean once the singletons exist.
	private static MeterRegistry bound(AssertableApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	static class LedgerService {

		@Bean
		LedgerWriter ledgerWriter(LedgerMetrics metrics) {
			return new LedgerWriter(metrics);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConsumer {

		@Bean
		TaskProcessor taskProcessor(TaskObservations observations) {
			return new TaskProcessor(observations);
		}

	}

	record LedgerWriter(LedgerMetrics metrics) {
	}

	record TaskProcessor(TaskObservations observations) {
	}

}
