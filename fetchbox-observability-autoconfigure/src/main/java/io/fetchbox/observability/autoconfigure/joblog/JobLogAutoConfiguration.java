package io.fetchbox.observability.autoconfigure.joblog;

import ch.qos.logback.classic.LoggerContext;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogTransport;
import io.fetchbox.observability.joblog.iggy.IggyJobLogTransport;
import io.fetchbox.observability.joblog.logback.JobLogAppenderInstaller;
import io.fetchbox.observability.joblog.metrics.JobLogEmitterMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code jobs.logs} appender:
 * finds or installs the appender (see {@link JobLogApplicationListener} for the early
 * installation), attaches the Iggy transport, and flushes on shutdown.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IggyAutoConfiguration.class)
@ConditionalOnClass({ LoggerContext.class, AsyncIggyTcpClient.class })
@ConditionalOnBooleanProperty(name = JobLogProperties.PREFIX + ".enabled", matchIfMissing = true)
@Conditional(JobLogAutoConfiguration.LogbackLoggingCondition.class)
@ConditionalOnBean(SupervisedIggyClient.class)
@EnableConfigurationProperties(JobLogProperties.class)
public final class JobLogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobLogTransport jobLogTransport(SupervisedIggyClient client, IggyTopology topology) {
		return new IggyJobLogTransport(client, topology.stream(), topology.logs().name());
	}

	// Closed on destroy too: a context that fails after creating it must not leave it
	// installed (the lifecycle, which normally closes it, only stops when it started).
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	JobLogPipeline jobLogPipeline(JobLogProperties properties) {
		return JobLogAppenderInstaller.installForApplication(loggerContext(), properties.toSettings());
	}

	@Bean
	@ConditionalOnMissingBean
	JobLogLifecycle jobLogLifecycle(JobLogPipeline pipeline, JobLogTransport transport) {
		return new JobLogLifecycle(pipeline, transport, loggerContext());
	}

	static LoggerContext loggerContext() {
		return (LoggerContext) LoggerFactory.getILoggerFactory();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class JobLogMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JobLogEmitterMetrics jobLogEmitterMetrics(JobLogPipeline pipeline, SupervisedIggyClient client) {
			JobLogEmitterMetrics metrics = new JobLogEmitterMetrics(pipeline);
			client.addListener(metrics);
			return metrics;
		}

	}

	/**
	 * Matches when Logback is the SLF4J backend (not just on the class path).
	 */
	static class LogbackLoggingCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Object factory = LoggerFactory.getILoggerFactory();
			return (factory instanceof LoggerContext) ? ConditionOutcome.match("Logback is the SLF4J backend")
					: ConditionOutcome.noMatch("SLF4J backend is " + factory.getClass().getName());
		}

	}

}
