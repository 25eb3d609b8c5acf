package io.fetchbox.observability.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection as the official SDK experiences it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyTestkitFaultTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private AsyncIggyTcpClient async;

	private IggyTcpClient member;

	@BeforeAll
	void connect() throws Exception {
		this.async = AsyncIggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.build();
		this.async.connect().get(10, TimeUnit.SECONDS);
		SdkSupport.login(this.async);
		this.member = SdkSupport.awaitAuthenticated(IggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.connectionPoolSize(1)
			.buildAndLogin());
	}

	@AfterAll
	void close() {
		CompletableFuture.allOf(this.async.close(), CompletableFuture.runAsync(this.member::close))
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	private void send(String stream, String topic, String payload) throws Exception {
		this.async.messages()
			.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.balanced(), List.of(Message.of(payload)))
			.get(10, TimeUnit.SECONDS);
	}

	@Test
	void stopThenStartOnTheSamePortKeepsDataAndTheClientRecovers() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "restart", "logs", 1);
		send("restart", "logs", "before");
		int port = iggy.port();
		iggy.server().stop();
		assertThat(iggy.server().isRunning()).isFalse();
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.async.system().ping().get(10, TimeUnit.SECONDS));
		iggy.server().start();
		assertThat(iggy.port()).isEqualTo(port);
		// the SDK opens a new pooled connection and replays the login on its own
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> this.async.streams().getStream(StreamId.of("restart")).get(2, TimeUnit.SECONDS).isPresent());
		send("restart", "logs", "after");
		assertThat(iggy.server().messages("restart", "logs")).extracting(StoredMessage::payloadAsString)
			.containsExactly("before", "after");
		assertThat(iggy.server().messages("restart", "logs")).extracting(StoredMessage::offset).containsExactly(0L, 1L);
	}

	@Test
	void pauseReadsButAnswersNothingUntilResume() throws Exception {
		long pingsBefore = iggy.server().commandsReceived(IggyCommands.PING);
		iggy.server().pause();
		assertThat(iggy.server().isPaused()).isTrue();
		CompletableFuture<String> pong = this.async.system().ping();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> iggy.server().commandsReceived(IggyCommands.PING) > pingsBefore);
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> pong.get(300, TimeUnit.MILLISECONDS));
		iggy.server().resume();
		assertThat(pong.get(30, TimeUnit.SECONDS)).isEqualTo("pong");
	}

	@Test
	void dropConnectionsFailsInFlightCallsEndsSessionsAndTheClientReconnects() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "drop", "jobs", 2);
		this.member.consumerGroups().createConsumerGroup(StreamId.of("drop"), TopicId.of("jobs"), "workers");
		this.member.consumerGroups()
			.joinConsumerGroup(StreamId.of("drop"), TopicId.of("jobs"), ConsumerId.of("workers"));
		iggy.server().pause();
		long pingsBefore = iggy.server().commandsReceived(IggyCommands.PING);
		CompletableFuture<String> inFlight = this.async.system().ping();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> iggy.server().commandsReceived(IggyCommands.PING) > pingsBefore);
		iggy.server().dropConnections();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS));
		iggy.server().resume();
		// the first call on a pooled channel the client has not yet seen die may fail too
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.async.consumerGroups()
				.getConsumerGroup(StreamId.of("drop"), TopicId.of("jobs"), ConsumerId.of("workers"))
				.get(5, TimeUnit.SECONDS)).hasValueSatisfying((g) -> assertThat(g.membersCount()).isZero()));
		// membership died with the connection: the reconnected client must join again
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThatExceptionOfType(IggyResourceNotFoundException.class)
				.isThrownBy(() -> this.member.messages()
					.pollMessages(StreamId.of("drop"), TopicId.of("jobs"), Optional.empty(),
							Consumer.group(ConsumerId.of("workers")), PollingStrategy.next(), 1L, true)));
	}

	@Test
	void failNextFailsExactlyThatManyRequestsOfThatCommand() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "fail", "logs", 1);
		iggy.server().failNext(IggyCommands.SEND_MESSAGES, 2, IggyErrors.PARTITION_NOT_FOUND);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send("fail", "logs", "lost"))
				.withCauseInstanceOf(IggyResourceNotFoundException.class);
		}
		assertThat(this.async.system().ping().get(30, TimeUnit.SECONDS)).isEqualTo("pong");
		send("fail", "logs", "kept");
		assertThat(iggy.server().messages("fail", "logs")).extracting(StoredMessage::payloadAsString)
			.containsExactly("kept");
	}

	@Test
	void latencyDelaysEveryAnswer() throws Exception {
		iggy.server().latency(Duration.ofMillis(250));
		long start = System.nanoTime();
		this.async.system().ping().get(30, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		iggy.server().latency(Duration.ZERO);
		assertThat(this.async.system().ping().get(30, TimeUnit.SECONDS)).isEqualTo("pong");
	}

	@Test
	void servesManyConcurrentConnections() throws Exception {
		int base = iggy.server().connectionCount();
		List<AbstractIggyContractTests.RawConnection> connections = new ArrayList<>();
		try {
			List<CompletableFuture<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(iggy.host(),
						iggy.port());
				connections.add(raw);
				statuses.add(CompletableFuture.supplyAsync(() -> {
					try {
						return raw.request(IggyCommands.PING, new byte[0]).status();
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			assertThat(statuses).allSatisfy((s) -> assertThat(s.get(10, TimeUnit.SECONDS)).isZero());
			assertThat(iggy.server().connectionCount()).isEqualTo(base + 64);
		}
		finally {
			for (AbstractIggyContractTests.RawConnection raw : connections) {
				raw.close();
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> iggy.server().connectionCount() == base);
	}

	@Test
	void startsWithoutWaitingOnAnyTimeout() {
		// Not a speed measurement (that is for benchmarks): a start that waited on a
		// timeout (a name lookup, a bind retry) would take far longer than this bound,
		// which a busy machine stays well within.
		long start = System.nanoTime();
		try (IggyTestkit server = IggyTestkit.builder().start()) {
			assertThat(server.isRunning()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

}
