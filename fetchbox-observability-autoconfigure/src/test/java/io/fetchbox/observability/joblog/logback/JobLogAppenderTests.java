package io.fetchbox.observability.joblog.logback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.DropPolicy;
import io.fetchbox.observability.joblog.JobLogEncoder;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogRecord;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Logback adapter: mapping, filtering, installation, reset resistance.
 */
class JobLogAppenderTests {

	private final LoggerContext context = new LoggerContext();

	JobLogAppenderTests() {
		// share the MDC that org.slf4j.MDC writes to
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		this.context.start();
	}

	@AfterEach
	void cleanUp() {
		MDC.clear();
		this.context.stop();
	}

	@Test
	void eventWithJobIdBecomesAJobLogWithFields() {
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		Logger logger = this.context.getLogger("com.example.Worker");
		MDC.put("job_id", "job-1");
		MDC.put("resource_id", "res-9");
		MDC.put("tenant", "acme");
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		MDC.put("spanId", "00f067aa0ba902b7");
		logger.atInfo().addKeyValue("bytes", 42).log("downloaded {}", "http://x", new Object[0]);
		logger.info("stored {}", kv("bucket", "b1"));
		logger.error("failed", new IllegalStateException("disk full", new RuntimeException("root")));
		MDC.remove("job_id");
		logger.info("not a job event");
		assertThat(pipeline.queuedRecords()).isEqualTo(3);
		List<JobLog> logs = drain(pipeline);
		JobLog first = logs.get(0);
		assertThat(first.getJobId()).isEqualTo("job-1");
		assertThat(first.getResourceId()).isEqualTo("res-9");
		assertThat(first.getLevel()).isEqualTo(LogLevel.LOG_LEVEL_INFO);
		assertThat(first.getMessage()).isEqualTo("downloaded http://x");
		assertThat(first.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(first.getTimestampMs()).isPositive();
		assertThat(first.getFieldsMap()).containsEntry("tenant", "acme")
			.containsEntry("span_id", "00f067aa0ba902b7")
			.containsEntry("bytes", "42")
			.containsEntry("logger", "com.example.Worker")
			.containsEntry("thread", Thread.currentThread().getName())
			.containsEntry("seq", "1")
			.doesNotContainKeys("job_id", "resource_id", "traceId", "spanId");
		assertThat(logs.get(1).getFieldsMap()).containsEntry("bucket", "b1").containsEntry("seq", "2");
		JobLog error = logs.get(2);
		assertThat(error.getLevel()).isEqualTo(LogLevel.LOG_LEVEL_ERROR);
		assertThat(error.getFieldsMap()).containsEntry("exception_class", "java.lang.IllegalStateException")
			.containsEntry("exception_message", "disk full");
		assertThat(error.getFieldsMap().get("stack_trace")).contains("\tat ")
			.contains("Caused by: java.lang.RuntimeException: root");
	}

	@Test
	void ownIggyAndNettyEventsAreNotShipped() {
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		MDC.put("job_id", "job-1");
		this.context.getLogger("org.apache.iggy.client.async.tcp.AsyncTcpConnection").warn("send failed");
		this.context.getLogger("io.netty.channel.DefaultChannelPipeline").warn("exception");
		this.context.getLogger(JobLogPipeline.class).warn("own");
		this.context.getLogger(SupervisedIggyClient.class).warn("own client");
		assertThat(pipeline.queuedRecords()).isZero();
		this.context.getLogger("com.example").warn("shipped");
		assertThat(pipeline.queuedRecords()).isOne();
	}

	@Test
	void eventsOnTheSendersThreadsAreNotShipped() throws Exception {
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		Thread thread = new Thread(() -> {
			MDC.put("job_id", "job-1");
			this.context.getLogger("com.example").warn("from the sender");
		}, SupervisedIggyClient.THREAD_PREFIX + "main-1-supervisor");
		thread.start();
		thread.join();
		assertThat(pipeline.queuedRecords()).isZero();
	}

	@Test
	void installIsIdempotentAndSurvivesReset() {
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		assertThat(JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT)).isSameAs(pipeline);
		assertThat(jobLogAppenders()).hasSize(1);
		this.context.reset();
		assertThat(jobLogAppenders()).singleElement()
			.satisfies((appender) -> assertThat(appender.getPipeline()).isSameAs(pipeline));
		MDC.put("job_id", "job-1");
		this.context.getLogger("com.example").info("after reset");
		assertThat(pipeline.queuedRecords()).isOne();
	}

	@Test
	void appenderDeclaredInXmlIsRespectedWithItsSettings() throws Exception {
		JobLogPipeline early = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		early.close(); // a previous application's pipeline
		this.context.reset();
		String xml = """
				<configuration>
				  <appender name="JOBS" class="io.fetchbox.observability.joblog.logback.JobLogAppender">
				    <maxQueueSize>77</maxQueueSize>
				    <dropPolicy>drop-oldest</dropPolicy>
				    <scheduleDelay>50 milliseconds</scheduleDelay>
				  </appender>
				  <root level="INFO"><appender-ref ref="JOBS"/></root>
				</configuration>
				""";
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		assertThat(jobLogAppenders()).singleElement().satisfies((appender) -> {
			assertThat(appender.getName()).isEqualTo("JOBS");
			assertThat(appender.getPipeline()).isSameAs(pipeline);
		});
		assertThat(pipeline.settings().maxQueueSize()).isEqualTo(77);
		assertThat(pipeline.settings().dropPolicy()).isEqualTo(DropPolicy.DROP_OLDEST);
		assertThat(pipeline.settings().scheduleDelay()).isEqualTo(Duration.ofMillis(50));
		assertThat(pipeline.settings().maxBatchSize()).isEqualTo(JobLogSettings.DEFAULT.maxBatchSize());
	}

	@Test
	void uninstallRemovesTheAddedAppender() {
		JobLogPipeline pipeline = JobLogAppenderInstaller.install(this.context, JobLogSettings.DEFAULT);
		pipeline.close();
		JobLogAppenderInstaller.uninstall(this.context, pipeline);
		assertThat(jobLogAppenders()).isEmpty();
		assertThat(JobLogAppenderInstaller.installed(this.context)).isNull();
	}

	private List<JobLogAppender> jobLogAppenders() {
		Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
		java.util.ArrayList<JobLogAppender> found = new java.util.ArrayList<>();
		for (java.util.Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it
			.hasNext();) {
			if (it.next() instanceof JobLogAppender appender) {
				found.add(appender);
			}
		}
		return found;
	}

	private static List<JobLog> drain(JobLogPipeline pipeline) {
		java.util.List<JobLog> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
		pipeline.attach(new io.fetchbox.observability.joblog.JobLogTransport() {
			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public java.util.concurrent.CompletableFuture<Void> send(String jobId, List<JobLogRecord> records) {
				records.forEach((record) -> logs.add(JobLogEncoder.toJobLog(record)));
				return java.util.concurrent.CompletableFuture.completedFuture(null);
			}
		});
		pipeline.close();
		return logs;
	}

}
