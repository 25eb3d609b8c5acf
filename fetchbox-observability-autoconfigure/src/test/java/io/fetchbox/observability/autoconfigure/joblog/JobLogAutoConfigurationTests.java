package io.fetchbox.observability.autoconfigure.joblog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.joblog.DropPolicy;
import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogRecord;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.joblog.JobLogTransport;
import io.fetchbox.observability.joblog.metrics.JobLogEmitterMetrics;
import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobLogAutoConfiguration}.
 */
class JobLogAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IggyAutoConfiguration.class, JobLogAutoConfiguration.class))
		.withPropertyValues("fetchbox.telemetry.iggy.address=127.0.0.1:1",
				"fetchbox.telemetry.joblog.shutdown-grace-period=0s");

	@Test
	void defaultsInstallTheAppenderAndAttachTheTransport() {
		JobLogPipeline[] installed = new JobLogPipeline[1];
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JobLogPipeline.class)
				.hasSingleBean(JobLogTransport.class)
				.hasSingleBean(JobLogLifecycle.class)
				.hasSingleBean(JobLogEmitterMetrics.class);
			JobLogPipeline pipeline = context.getBean(JobLogPipeline.class);
			// the defaults, except the grace period this test shortens
			assertThat(pipeline.settings()).isEqualTo(withZeroGrace());
			assertThat(pipeline.isAttached()).isTrue();
			assertThat(shippingTo(pipeline)).isTrue();
			installed[0] = pipeline;
		});
		assertThat(installed[0].isClosed()).isTrue();
		assertThat(shippingTo(installed[0])).isFalse();
	}

	@Test
	void propertiesReachThePipeline() {
		this.runner.withPropertyValues("fetchbox.telemetry.joblog.schedule-delay=1s",
				"fetchbox.telemetry.joblog.max-batch-size=64", "fetchbox.telemetry.joblog.max-queue-size=500",
				"fetchbox.telemetry.joblog.max-queue-bytes=1MB", "fetchbox.telemetry.joblog.drop-policy=drop-oldest")
			.run((context) -> {
				JobLogSettings settings = context.getBean(JobLogPipeline.class).settings();
				assertThat(settings.scheduleDelay()).isEqualTo(Duration.ofSeconds(1));
				assertThat(settings.maxBatchSize()).isEqualTo(64);
				assertThat(settings.maxQueueSize()).isEqualTo(500);
				assertThat(settings.maxQueueBytes()).isEqualTo(1024 * 1024);
				assertThat(settings.dropPolicy()).isEqualTo(DropPolicy.DROP_OLDEST);
			});
	}

	@Test
	void disabled() {
		this.runner.withPropertyValues("fetchbox.telemetry.joblog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JobLogPipeline.class)
				.doesNotHaveBean(JobLogLifecycle.class));
	}

	@Test
	void userTransportWins() {
		JobLogTransport mine = new JobLogTransport() {
			@Override
			public boolean isReady() {
				return false;
			}

			@Override
			public CompletableFuture<Void> send(String jobId, List<JobLogRecord> records) {
				return CompletableFuture.completedFuture(null);
			}
		};
		this.runner.withBean(JobLogTransport.class, () -> mine)
			.run((context) -> assertThat(context.getBean(JobLogTransport.class)).isSameAs(mine));
	}

	@Test
	void invalidDropPolicyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.joblog.drop-policy=drop-everything").run((context) -> {
			assertThat(context).hasFailed();
			// Boot's binder names the property in the cause that the failure analyzer
			// reports.
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fetchbox.telemetry.joblog.drop-policy");
		});
	}

	@Test
	void invalidBatchSizeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.joblog.max-batch-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("fetchbox.telemetry.joblog.max-batch-size");
		});
	}

	@Test
	void backsOffWithoutLogback() {
		this.runner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobLogPipeline.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(JobLogPipeline.class)
				.doesNotHaveBean(JobLogEmitterMetrics.class));
	}

	@Test
	void emitterMetersRenderWithTheirPrometheusNames() {
		this.runner.withPropertyValues("fetchbox.telemetry.joblog.max-queue-size=1")
			.withBean(JobLogTransport.class, JobLogAutoConfigurationTests::neverReady)
			.run((context) -> {
				PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
				context.getBean(JobLogEmitterMetrics.class).bindTo(registry);
				JobLogPipeline pipeline = context.getBean(JobLogPipeline.class);
				pipeline.offer(JobLogRecord.builder("job-1", LogLevel.LOG_LEVEL_INFO, "kept").build());
				pipeline.offer(JobLogRecord.builder("job-1", LogLevel.LOG_LEVEL_INFO, "dropped").build());
				assertThat(pipeline.dropped(DropReason.QUEUE_FULL))
					.as(pipeline.state().toString() + pipeline.settings())
					.isOne();
				String scrape = registry.scrape();
				assertThat(scrape).contains("fetchbox_log_emitter_sent_events_total 0.0")
					.contains("fetchbox_log_emitter_dropped_events_total{reason=\"queue_full\"} 1.0")
					.contains("fetchbox_log_emitter_dropped_events_total{reason=\"shutdown\"} 0.0")
					.contains("fetchbox_log_emitter_queued_events 1.0")
					.contains("fetchbox_log_emitter_queued_bytes ")
					.contains("fetchbox_log_emitter_batches_total{outcome=\"sent\"} 0.0")
					.contains("fetchbox_log_emitter_batches_total{outcome=\"failed\"} 0.0")
					.contains("fetchbox_log_emitter_reconnects_total 0.0")
					.contains("fetchbox_log_emitter_send_seconds_count 0");
			});
	}

	private static JobLogTransport neverReady() {
		return new JobLogTransport() {
			@Override
			public boolean isReady() {
				return false;
			}

			@Override
			public CompletableFuture<Void> send(String jobId, List<JobLogRecord> records) {
				return new CompletableFuture<>();
			}
		};
	}

	private static JobLogSettings withZeroGrace() {
		JobLogSettings d = JobLogSettings.DEFAULT;
		return new JobLogSettings(d.scheduleDelay(), d.maxBatchSize(), d.maxQueueSize(), d.maxQueueBytes(),
				d.dropPolicy(), Duration.ZERO, d.earlyBufferSize());
	}

	private static boolean shippingTo(JobLogPipeline pipeline) {
		ch.qos.logback.classic.Logger root = loggerContext().getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME);
		for (java.util.Iterator<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root
			.iteratorForAppenders(); it.hasNext();) {
			if (it.next() instanceof io.fetchbox.observability.joblog.logback.JobLogAppender appender
					&& appender.getPipeline() == pipeline) {
				return true;
			}
		}
		return false;
	}

	private static LoggerContext loggerContext() {
		return (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
	}

}
