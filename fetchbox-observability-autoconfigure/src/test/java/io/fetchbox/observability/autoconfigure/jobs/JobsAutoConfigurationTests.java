package io.fetchbox.observability.autoconfigure.jobs;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.joblog.JobLogFlusher;
import io.fetchbox.observability.jobs.JobLogFlushingListener;
import io.fetchbox.observability.jobs.JobScopes;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.metrics.WorkerMetrics;

import static org.assertj.core.api.Assertions.assertThat;

class JobsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JobsAutoConfiguration.class));

	@Test
	void providesBothSidesWithoutObservationRegistryOrTracer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(JobScopes.class)
			.hasSingleBean(TaskObservations.class)
			.hasSingleBean(TaskPublishing.class));
	}

	@Test
	void usesObservationRegistryBean() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasSingleBean(TaskObservations.class));
	}

	@Test
	void feedsWorkerMetricsAndJobLogFlushWhenPresent() {
		this.runner.withBean(WorkerMetrics.class, WorkerMetrics::new).withBean(JobLogFlusher.class, () -> (jobId) -> {
		})
			.run((context) -> assertThat(context).hasSingleBean(WorkerMetricsJobScopeListener.class)
				.hasSingleBean(JobLogFlushingListener.class));
	}

	@Test
	void noMetricsListenerWithoutWorkerMetrics() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WorkerMetricsJobScopeListener.class));
	}

	@Test
	void userBeansWin() {
		this.runner.withUserConfiguration(UserConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskObservations.class).hasSingleBean(TaskPublishing.class);
			assertThat(context.getBean(TaskObservations.class))
				.isSameAs(context.getBean(UserConfiguration.class).observations);
		});
	}

	@Test
	void backsOffWithoutMicrometerTracing() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JobScopes.class)
				.doesNotHaveBean(TaskObservations.class)
				.doesNotHaveBean(TaskPublishing.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		final TaskObservations observations = new TaskObservations(
				new JobScopes(ObservationRegistry.NOOP, Tracer.NOOP, null, java.util.List.of()), null);

		@Bean
		TaskObservations customTaskObservations() {
			return this.observations;
		}

		@Bean
		TaskPublishing customTaskPublishing() {
			return new TaskPublishing(ObservationRegistry.NOOP, Tracer.NOOP, null);
		}

	}

}
