package io.fetchbox.observability.tail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.iggy.IggyCalls;
import io.fetchbox.observability.tail.iggy.IggyTopicReader;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tail against the Iggy testkit over TCP with the official SDK: the partition it
 * computes is the one the server chose for the key, and the polling strategies behave as
 * on the server.
 */
class JobLogTailIggyTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private static final String STREAM = "tail-tests";

	private static SdkJobLogProducer producer;

	private static AsyncIggyTcpClient client;

	private static JobTailer tailer;

	@BeforeAll
	static void connect() {
		producer = new SdkJobLogProducer(iggy.host(), iggy.port(), STREAM, "jobs.logs", 4);
		client = AsyncIggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.connectionPoolSize(1)
			.build();
		client.connect().join();
		client.login().join();
		// SDK 0.8.0 completes login before it marks the client authenticated.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> client.system().getMe().handle((me, error) -> error == null).join());
		IggyCalls calls = new IggyCalls() {

			@Override
			public <T> CompletableFuture<T> call(String operation,
					java.util.function.Function<AsyncIggyTcpClient, CompletableFuture<T>> call) {
				return call.apply(client).orTimeout(5, TimeUnit.SECONDS);
			}

		};
		tailer = new JobTailer(new IggyTopicReader(calls, STREAM),
				new TailSettings(2, Duration.ofMillis(10), Duration.ofMillis(100), 2));
	}

	@AfterAll
	static void close() {
		tailer.close();
		producer.close();
		client.close();
	}

	@Test
	void findsTheJobInThePartitionTheServerChose() {
		List<String> jobs = List.of("job-42", "order-42", "test-key", "0f8fad5b-d9cb-469f-a165-70867728950e");
		for (String job : jobs) {
			producer.send(JobLogTailTests.log(job, 1, LogLevel.LOG_LEVEL_INFO, "hello " + job));
		}
		for (StoredMessage stored : iggy.server().messages(STREAM, "jobs.logs")) {
			String job = stored.headers().get("job_id");
			assertThat(stored.partitionId()).as(job).isEqualTo(JobPartitions.partitionOf(job, 4));
		}
		for (String job : jobs) {
			JobLogTailTests.Collector collector = new JobLogTailTests.Collector();
			new JobLogTail(tailer, "jobs.logs")
				.tail(job, TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE, collector)
				.completion()
				.join();
			assertThat(collector.messages()).containsExactly("hello " + job);
		}
	}

	@Test
	void readsInSmallBatchesFollowsAndStartsAtATime() {
		String job = "job-follow";
		for (int i = 1; i <= 5; i++) {
			producer.send(JobLogTailTests.log(job, i, LogLevel.LOG_LEVEL_INFO, "early " + i));
		}
		Instant between = Instant.now();
		await().pollDelay(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(between.plusMillis(2)));
		JobLogTailTests.Collector collector = new JobLogTailTests.Collector();
		JobLogTail logs = new JobLogTail(tailer, "jobs.logs");
		TailSession session = logs.tail(job, TailStart.beginning(), true, LogLevel.LOG_LEVEL_TRACE, collector);
		await().until(() -> collector.messages().size() == 5);
		for (int i = 6; i <= 8; i++) {
			producer.send(JobLogTailTests.log(job, i, LogLevel.LOG_LEVEL_INFO, "late " + i));
		}
		await().until(() -> collector.messages().size() == 8);
		session.stop();
		List<String> expected = new ArrayList<>(List.of("early 1", "early 2", "early 3", "early 4", "early 5"));
		expected.addAll(List.of("late 6", "late 7", "late 8"));
		assertThat(collector.messages()).containsExactlyElementsOf(expected);
		JobLogTailTests.Collector since = new JobLogTailTests.Collector();
		logs.tail(job, TailStart.since(between), false, LogLevel.LOG_LEVEL_TRACE, since).completion().join();
		assertThat(since.messages()).containsExactly("late 6", "late 7", "late 8");
	}

	@Test
	void aMissingTopicIsReportedAsNotFound() {
		JobLogTailTests.Collector collector = new JobLogTailTests.Collector();
		TailSession session = new JobLogTail(tailer, "no.such.topic").tail("job", TailStart.beginning(), false,
				LogLevel.LOG_LEVEL_TRACE, collector);
		await().until(() -> session.completion().isDone());
		assertThat(collector.error).isInstanceOf(TailNotFoundException.class);
	}

}
