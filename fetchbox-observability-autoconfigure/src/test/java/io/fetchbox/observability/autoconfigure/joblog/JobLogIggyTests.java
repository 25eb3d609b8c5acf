package io.fetchbox.observability.autoconfigure.joblog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.iggy.IggyJobLogTransport;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.testkit.IggyTestkit;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code jobs.logs} appender end to end: a Spring application logging through
 * Logback, the Iggy testkit with fault injection, and the messages decoded as
 * {@code JobLog}.
 */
class JobLogIggyTests {

	private static final Logger logger = LoggerFactory.getLogger("com.example.Worker");

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		MDC.clear();
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void recordsArriveDecodedAndEachJobStaysOrderedInOnePartition() {
		run();
		await().atMost(WAIT).until(() -> context().getBean(SupervisedIggyClient.class).state().isUp());
		for (int i = 0; i < 20; i++) {
			MDC.put("job_id", "job-a");
			MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
			MDC.put("spanId", "00f067aa0ba902b7");
			logger.info("a {}", i);
			MDC.clear();
			MDC.put("job_id", "job-b");
			MDC.put("resource_id", "r-1");
			logger.info("b {}", i);
			MDC.clear();
		}
		await().atMost(WAIT).until(() -> messages().size() == 40);
		for (String job : List.of("job-a", "job-b")) {
			List<StoredMessage> stored = messages().stream()
				.filter((message) -> job.equals(message.headers().get("job_id")))
				.toList();
			assertThat(stored).hasSize(20);
			assertThat(stored).extracting(StoredMessage::partitionId).containsOnly(stored.get(0).partitionId());
			List<JobLog> logs = stored.stream().map(JobLogIggyTests::decode).toList();
			assertThat(logs).extracting((log) -> log.getFieldsMap().get("seq"))
				.containsExactlyElementsOf(LongStream.rangeClosed(1, 20).mapToObj(Long::toString).toList());
			assertThat(logs).extracting(JobLog::getJobId).containsOnly(job);
			assertThat(stored).allSatisfy((message) -> assertThat(message.headers()).containsEntry("content-type",
					IggyJobLogTransport.contentType()));
		}
		JobLog a0 = decode(
				messages().stream().filter((m) -> "job-a".equals(m.headers().get("job_id"))).findFirst().get());
		assertThat(a0.getMessage()).isEqualTo("a 0");
		assertThat(a0.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(a0.getLevel()).isEqualTo(LogLevel.LOG_LEVEL_INFO);
		assertThat(messages()).filteredOn((m) -> "job-a".equals(m.headers().get("job_id")))
			.allSatisfy((m) -> assertThat(m.headers()).containsEntry("traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));
		assertThat(messages()).filteredOn((m) -> "job-b".equals(m.headers().get("job_id")))
			.allSatisfy((m) -> assertThat(m.headers()).doesNotContainKey("traceparent"))
			.allSatisfy((m) -> assertThat(decode(m).getResourceId()).isEqualTo("r-1"));
	}

	@Test
	void warnArrivesWellBeforeTheFlushInterval() {
		run("fetchbox.telemetry.joblog.schedule-delay=60s");
		await().atMost(WAIT).until(() -> context().getBean(SupervisedIggyClient.class).state().isUp());
		MDC.put("job_id", "job-w");
		logger.info("step 1");
		logger.info("step 2");
		logger.warn("proxy failed");
		await().atMost(Duration.ofSeconds(10)).until(() -> messages().size() == 3);
		assertThat(logs()).extracting(JobLog::getMessage).containsExactly("step 1", "step 2", "proxy failed");
		assertThat(logs()).extracting(JobLog::getLevel)
			.containsExactly(LogLevel.LOG_LEVEL_INFO, LogLevel.LOG_LEVEL_INFO, LogLevel.LOG_LEVEL_WARN);
	}

	@Test
	void brokerDownAtStartupThenUpLosesNothing() {
		IggyTestkit server = this.iggy.server();
		server.stop();
		ConfigurableApplicationContext context = run();
		assertThat(context.isActive()).isTrue();
		assertThat(context.getBean(SupervisedIggyClient.class).state().isUp()).isFalse();
		MDC.put("job_id", "job-down");
		for (int i = 0; i < 50; i++) {
			logger.info("m-{}", i);
		}
		server.start();
		await().atMost(WAIT).until(() -> messages().size() == 50);
		assertThat(logs()).extracting(JobLog::getMessage)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> "m-" + i).toList());
	}

	@Test
	void brokerRestartMidStreamLosesNothingAndDuplicatesShareTheirSeq() {
		run();
		await().atMost(WAIT).until(() -> context().getBean(SupervisedIggyClient.class).state().isUp());
		IggyTestkit server = this.iggy.server();
		MDC.put("job_id", "job-r");
		int total = 0;
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 500; i++) {
				logger.info("m-{}", total++);
			}
			server.stop();
			for (int i = 0; i < 500; i++) {
				logger.info("m-{}", total++);
			}
			server.start();
		}
		int expected = total;
		await().atMost(WAIT).until(() -> bySeq().size() == expected);
		Map<Long, List<JobLog>> bySeq = bySeq();
		assertThat(bySeq.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
		bySeq
			.forEach((seq, copies) -> assertThat(copies).extracting(JobLog::getMessage).containsOnly("m-" + (seq - 1)));
		assertThat(messages()).extracting(StoredMessage::partitionId).containsOnly(messages().get(0).partitionId());
	}

	@Test
	void pausedBrokerLeavesApplicationThreadsUnaffectedAndDeliveryResumes() {
		run();
		await().atMost(WAIT).until(() -> context().getBean(SupervisedIggyClient.class).state().isUp());
		MDC.put("job_id", "job-p");
		long upNanos = timeLogging(0, 200);
		this.iggy.server().pause();
		long pausedNanos = timeLogging(200, 200);
		long slowest = slowestCall(400, 200);
		// A call that waited on the broker would take the 1 s request timeout at least;
		// the bounds leave room for a busy machine's scheduling delays below that.
		assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(900));
		assertThat(Duration.ofNanos(pausedNanos))
			.isLessThan(Duration.ofNanos(upNanos).multipliedBy(20).plusMillis(900));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !context().getBean(SupervisedIggyClient.class).state().isUp());
		this.iggy.server().resume();
		await().atMost(WAIT).until(() -> bySeq().size() == 600);
		bySeq()
			.forEach((seq, copies) -> assertThat(copies).extracting(JobLog::getMessage).containsOnly("m-" + (seq - 1)));
	}

	@Test
	void overflowCountsExactlyTheRecordsThatDidNotFit() {
		IggyTestkit server = this.iggy.server();
		server.stop();
		run("fetchbox.telemetry.joblog.max-queue-size=100");
		MDC.put("job_id", "job-o");
		for (int i = 0; i < 150; i++) {
			logger.info("m-{}", i);
		}
		JobLogPipeline pipeline = context().getBean(JobLogPipeline.class);
		assertThat(pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo(50);
		assertThat(pipeline.queuedRecords()).isEqualTo(100);
		server.start();
		await().atMost(WAIT).until(() -> pipeline.sent() == 100);
		assertThat(logs()).extracting(JobLog::getMessage)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj((i) -> "m-" + i).toList());
		assertThat(pipeline.state().droppedRecords()).containsEntry("queue_full", 50L);
	}

	@Test
	void gracefulShutdownDeliversEverythingBuffered() {
		ConfigurableApplicationContext context = run("fetchbox.telemetry.joblog.schedule-delay=1h");
		await().atMost(WAIT).until(() -> context.getBean(SupervisedIggyClient.class).state().isUp());
		MDC.put("job_id", "job-s");
		for (int i = 0; i < 300; i++) {
			logger.info("m-{}", i);
		}
		assertThat(messages()).isEmpty();
		context.close();
		assertThat(messages()).hasSize(300);
	}

	@Test
	void sdkAndOwnLogsDuringAnOutageDoNotLoopBack() {
		IggyTestkit server = this.iggy.server();
		server.stop();
		run();
		MDC.put("job_id", "job-l");
		LoggerFactory.getLogger("org.apache.iggy.client.async.tcp.AsyncTcpConnection").warn("Failed to send frame");
		LoggerFactory.getLogger("io.netty.channel.ChannelOutboundBuffer").warn("closed");
		LoggerFactory.getLogger(SupervisedIggyClient.class).warn("cannot connect");
		logger.warn("application warning");
		await().atMost(Duration.ofSeconds(3))
			.until(() -> context().getBean(SupervisedIggyClient.class).state().lastError() != null);
		server.start();
		await().atMost(WAIT).until(() -> messages().size() >= 1);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> messages().size() == 1);
		assertThat(logs()).singleElement().satisfies((log) -> {
			assertThat(log.getMessage()).isEqualTo("application warning");
			assertThat(log.getFieldsMap()).containsEntry("logger", "com.example.Worker");
		});
	}

	private long timeLogging(int from, int count) {
		long start = System.nanoTime();
		for (int i = from; i < from + count; i++) {
			logger.info("m-{}", i);
		}
		return System.nanoTime() - start;
	}

	private long slowestCall(int from, int count) {
		long slowest = 0;
		for (int i = from; i < from + count; i++) {
			long start = System.nanoTime();
			logger.info("m-{}", i);
			slowest = Math.max(slowest, System.nanoTime() - start);
		}
		return slowest;
	}

	private ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(List.of("fetchbox.telemetry.iggy.address=" + this.iggy.address(),
				"fetchbox.telemetry.iggy.request-timeout=1s", "fetchbox.telemetry.iggy.connect-timeout=1s",
				"fetchbox.telemetry.iggy.backoff.initial=50ms", "fetchbox.telemetry.iggy.backoff.max=300ms",
				"fetchbox.telemetry.joblog.schedule-delay=100ms", "fetchbox.telemetry.logging.format=text"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private ConfigurableApplicationContext context() {
		return this.contexts.get(this.contexts.size() - 1);
	}

	private List<StoredMessage> messages() {
		return this.iggy.server().messages("fetchbox", "jobs.logs");
	}

	private List<JobLog> logs() {
		return messages().stream().map(JobLogIggyTests::decode).toList();
	}

	private Map<Long, List<JobLog>> bySeq() {
		return logs().stream()
			.collect(Collectors.groupingBy((log) -> Long.parseLong(log.getFieldsMap().get("seq")), TreeMap::new,
					Collectors.toList()));
	}

	private static JobLog decode(StoredMessage message) {
		try {
			return JobLog.parseFrom(message.payload());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ IggyAutoConfiguration.class, JobLogAutoConfiguration.class })
	static class TestApplication {

	}

}
