package io.fetchbox.observability.autoconfigure.jobs;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.fetchbox.observability.joblog.JobLogFlusher;
import io.fetchbox.observability.jobs.JobLogFlushingListener;
import io.fetchbox.observability.jobs.JobScopeListener;
import io.fetchbox.observability.jobs.JobScopeObservationConvention;
import io.fetchbox.observability.jobs.JobScopes;
import io.fetchbox.observability.jobs.TaskObservationConvention;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskPublishObservationConvention;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the job observation API:
 * {@link JobScopes} for any code doing work for a job, {@link TaskObservations} (built on
 * it) for workers and {@link TaskPublishing} for services that publish tasks. Without an
 * {@link ObservationRegistry} bean both still keep the job context in MDC; without a
 * tracer no trace context travels.
 * <p>
 * The beans are lazy: created when a bean of the service first needs them, so a service
 * that neither handles nor publishes tasks does not create them. Their classes still
 * load: Spring reads the methods of every bean class for {@code @EventListener}s.
 *
 * @since 0.1.0
 */
// Names only: with both 'after' and 'afterName' the generated ordering metadata kept just
// the names, and the listeners below were evaluated before the beans they need.
@AutoConfiguration(afterName = { "io.fetchbox.observability.autoconfigure.joblog.JobLogAutoConfiguration",
		"io.fetchbox.observability.autoconfigure.metrics.FetchboxMetricsAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass({ ObservationRegistry.class, Tracer.class })
public final class JobsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Lazy
	JobScopes jobScopes(ObjectProvider<ObservationRegistry> registry, ObjectProvider<Tracer> tracer,
			ObjectProvider<JobScopeObservationConvention> convention, ObjectProvider<JobScopeListener> listeners) {
		return new JobScopes(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
				tracer.getIfAvailable(() -> Tracer.NOOP), convention.getIfAvailable(),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@Lazy
	TaskObservations taskObservations(JobScopes jobScopes, ObjectProvider<TaskObservationConvention> convention) {
		return new TaskObservations(jobScopes, convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(JobLogFlusher.class)
	@ConditionalOnMissingBean
	@Lazy
	JobLogFlushingListener jobLogFlushingListener(JobLogFlusher flusher) {
		return new JobLogFlushingListener(flusher);
	}

	@Bean
	@ConditionalOnMissingBean
	@Lazy
	TaskPublishing taskPublishing(ObjectProvider<ObservationRegistry> registry, ObjectProvider<Tracer> tracer,
			ObjectProvider<TaskPublishObservationConvention> convention) {
		return new TaskPublishing(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
				tracer.getIfAvailable(() -> Tracer.NOOP), convention.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class WorkerMetricsConfiguration {

		@Bean
		@ConditionalOnBean(WorkerMetrics.class)
		@ConditionalOnMissingBean
		@Lazy
		WorkerMetricsJobScopeListener workerMetricsJobScopeListener(WorkerMetrics metrics) {
			return new WorkerMetricsJobScopeListener(metrics);
		}

	}

}
