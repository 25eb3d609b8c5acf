package io.fetchbox.observability.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
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

/**
 * Testkit-only behaviour: reading back what clients sent, retention, traffic counters,
 * the SDK's connection pool as the server sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyTestkitTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension((builder) -> builder.maxMessagesPerPartition(5));

	private AsyncIggyTcpClient async;

	private IggyTcpClient anonymous;

	@BeforeAll
	void connect() throws Exception {
		this.async = AsyncIggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials(iggy.username(), iggy.password())
			.build();
		this.async.connect().get(10, TimeUnit.SECONDS);
		SdkSupport.login(this.async);
		this.anonymous = IggyTcpClient.builder().host(iggy.host()).port(iggy.port()).build();
		this.anonymous.connect();
	}

	@AfterAll
	void close() {
		CompletableFuture.allOf(this.async.close(), CompletableFuture.runAsync(this.anonymous::close))
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	@Test
	void xxHash32MatchesTheProtocolVectors() {
		assertThat(XxHash32.hash(bytes(""))).isEqualTo(0x02CC5D05L);
		assertThat(XxHash32.hash(bytes("a"))).isEqualTo(0x550D7456L);
		assertThat(XxHash32.hash(bytes("abc"))).isEqualTo(0x32D153FFL);
		assertThat(XxHash32.hash(bytes("test-key"))).isEqualTo(2523710439L);
		assertThat(XxHash32.hash(bytes("job-42"))).isEqualTo(1438261928L);
		assertThat(XxHash32.hash(bytes("order-42"))).isEqualTo(3150133969L);
		assertThat(XxHash32.hash(bytes("test-key")) % 4).isEqualTo(3);
		// longer than 16 bytes exercises the striped loop
		assertThat(XxHash32.hash(bytes("Nobody inspects the spammish repetition")))
			.isEqualTo(XxHash32.hash(bytes("Nobody inspects the spammish repetition")))
			.isEqualTo(0xE2293B2FL);
	}

	@Test
	void messagesReadsBackWhatWasSentPerPartitionInOrder() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "readback", "logs", 2);
		StreamId s = StreamId.of("readback");
		TopicId t = TopicId.of("logs");
		this.async.messages()
			.sendMessages(s, t, Partitioning.partitionId(1L),
					List.of(Message.of("one",
							Map.of(HeaderKey.fromString("job_id"), HeaderValue.fromString("j1"),
									HeaderKey.fromString("attempt"), HeaderValue.fromInt32(2)))))
			.get(10, TimeUnit.SECONDS);
		this.async.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("zero"), Message.of("zero-b")))
			.get(10, TimeUnit.SECONDS);
		List<StoredMessage> messages = iggy.server().messages("readback", "logs");
		assertThat(messages).extracting(StoredMessage::payloadAsString).containsExactly("zero", "zero-b", "one");
		assertThat(messages).extracting(StoredMessage::partitionId).containsExactly(0L, 0L, 1L);
		assertThat(messages).extracting(StoredMessage::offset).containsExactly(0L, 1L, 0L);
		StoredMessage one = messages.get(2);
		assertThat(one.headers()).containsExactly(Map.entry("job_id", "j1"));
		assertThat(one.timestampMicros()).isGreaterThan(1_700_000_000_000_000L);
		assertThat(one.id()).isNotEqualTo(BigInteger.ZERO);
		assertThat(iggy.server().messages("readback", "missing")).isEmpty();
		assertThat(iggy.server().messages("0", "0")).isNotNull();
		assertThat(iggy.server().topology()).containsEntry("readback", List.of("logs"));
	}

	@Test
	void retentionEvictsTheOldestMessagesPerPartition() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "retention", "logs", 1);
		StreamId s = StreamId.of("retention");
		TopicId t = TopicId.of("logs");
		for (int i = 0; i < 8; i++) {
			this.async.messages()
				.sendMessages(s, t, Partitioning.balanced(), List.of(Message.of("r" + i)))
				.get(10, TimeUnit.SECONDS);
		}
		assertThat(iggy.server().messages("retention", "logs")).extracting(StoredMessage::offset)
			.containsExactly(3L, 4L, 5L, 6L, 7L);
		var first = this.async.messages()
			.pollMessages(s, t, Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 2L, false)
			.get(10, TimeUnit.SECONDS);
		assertThat(first.messages()).extracting((m) -> m.header().offset().longValue()).containsExactly(3L, 4L);
		var fromEvicted = this.async.messages()
			.pollMessages(s, t, Optional.of(0L), Consumer.of(1L), PollingStrategy.offset(BigInteger.ONE), 1L, false)
			.get(10, TimeUnit.SECONDS);
		assertThat(fromEvicted.messages()).extracting((m) -> m.header().offset().longValue()).containsExactly(3L);
		assertThat(first.currentOffset()).isEqualTo(BigInteger.valueOf(7));
	}

	@Test
	void pooledConnectionsEachReplayTheLogin() throws Exception {
		SdkSupport.createStreamAndTopic(this.async, "pool", "logs", 2);
		iggy.server().resetCounters();
		AsyncIggyTcpClient pooled = AsyncIggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.build();
		try {
			pooled.connect().get(10, TimeUnit.SECONDS);
			SdkSupport.login(pooled);
			iggy.server().latency(java.time.Duration.ofMillis(50));
			CompletableFuture<?>[] sends = new CompletableFuture<?>[6];
			for (int i = 0; i < 6; i++) {
				sends[i] = pooled.messages()
					.sendMessages(StreamId.of("pool"), TopicId.of("logs"), Partitioning.balanced(),
							List.of(Message.of("c" + i)));
			}
			CompletableFuture.allOf(sends).get(20, TimeUnit.SECONDS);
			iggy.server().latency(java.time.Duration.ZERO);
			long logins = iggy.server().commandsReceived(IggyCommands.LOGIN_USER);
			assertThat(logins).isBetween(2L, 5L);
			assertThat(iggy.server().commandsReceived(IggyCommands.SEND_MESSAGES)).isEqualTo(6);
			assertThat(iggy.server().messages("pool", "logs")).hasSize(6);
		}
		finally {
			pooled.close().orTimeout(10, TimeUnit.SECONDS).join();
		}
	}

	@Test
	void getStatsSkipsTheLoginReplaySoItIsRefusedOnAFreshPooledConnection() throws Exception {
		AsyncIggyTcpClient pooled = AsyncIggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.connectionPoolSize(5)
			.build();
		try {
			pooled.connect().get(10, TimeUnit.SECONDS);
			SdkSupport.login(pooled);
			// Slow answers keep each connection busy, so five calls at once need five
			// connections: those opened for them are fresh, never logged in.
			iggy.server().latency(java.time.Duration.ofMillis(300));
			List<CompletableFuture<?>> stats = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				stats.add(pooled.system().getStats());
			}
			List<Integer> refusals = new ArrayList<>();
			for (CompletableFuture<?> call : stats) {
				try {
					call.get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					refusals.add(((IggyServerException) ex.getCause()).getRawErrorCode());
				}
			}
			assertThat(refusals).as("GET_STATS on connections the SDK did not log in").isNotEmpty().containsOnly(40);
			// every other authenticated command is preceded by the login replay
			List<CompletableFuture<?>> me = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				me.add(pooled.system().getMe());
			}
			CompletableFuture.allOf(me.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			iggy.server().latency(java.time.Duration.ZERO);
			pooled.close().orTimeout(10, TimeUnit.SECONDS).join();
		}
	}

	@Test
	void seededMessagesAreWhatClientsPoll() throws Exception {
		IggyTestkit server = iggy.server();
		server.createTopic("seeded", "logs", 2);
		server.createTopic("seeded", "logs", 5); // exists: unchanged
		StoredMessage stored = server.append("seeded", "logs", 1, bytes("hello"), Map.of("job_id", "j7"));
		assertThat(stored.offset()).isZero();
		assertThat(stored.partitionId()).isEqualTo(1);
		var polled = this.async.messages()
			.pollMessages(StreamId.of("seeded"), TopicId.of("logs"), Optional.of(1L), Consumer.of(1L),
					PollingStrategy.first(), 10L, false)
			.get(10, TimeUnit.SECONDS);
		assertThat(polled.messages()).singleElement().satisfies((m) -> {
			assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
			assertThat(m.userHeaders()).containsEntry(HeaderKey.fromString("job_id"), HeaderValue.fromString("j7"));
			assertThat(m.header().timestamp().longValueExact()).isEqualTo(stored.timestampMicros());
		});
		assertThat(this.async.topics().getTopic(StreamId.of("seeded"), TopicId.of("logs")).get(10, TimeUnit.SECONDS))
			.hasValueSatisfying((t) -> assertThat(t.partitionsCount()).isEqualTo(2));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> server.append("seeded", "logs", 7, bytes("x"), Map.of()));
	}

	@Test
	void extensionExposesTheServer() {
		assertThat(iggy.server().isRunning()).isTrue();
		assertThat(iggy.address()).isEqualTo("127.0.0.1:" + iggy.port());
		assertThat(iggy.port()).isPositive();
		assertThat(iggy.username()).isEqualTo("iggy");
	}

	@Test
	void callsBeforeLoginFailInTheClientWithoutReachingTheServer() {
		long before = iggy.server().commandsReceived(IggyCommands.GET_STREAMS);
		assertThatExceptionOfType(IggyNotConnectedException.class)
			.isThrownBy(() -> this.anonymous.streams().getStreams());
		assertThat(iggy.server().commandsReceived(IggyCommands.GET_STREAMS)).isEqualTo(before);
		assertThat(this.anonymous.system().ping()).isEqualTo("pong");
	}

	@Test
	void resetDeletesEverythingAndIdsStartAgain(IggyTestkit server) throws Exception {
		this.async.streams().createStream("doomed").get(10, TimeUnit.SECONDS);
		server.reset();
		assertThat(this.async.streams().getStreams().get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.async.streams().createStream("fresh").get(10, TimeUnit.SECONDS).id()).isZero();
		this.async.streams().deleteStream(StreamId.of("fresh")).get(10, TimeUnit.SECONDS);
	}

	@Test
	void malformedFramesGetErrorsAndTheConnectionStaysInSync() throws Exception {
		try (AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(iggy.host(),
				iggy.port())) {
			assertThat(raw.request(IggyCommands.LOGIN_USER, IggyTestkitFileTests.loginPayload()).status()).isZero();
			assertThat(raw.request(IggyCommands.CREATE_STREAM, new byte[] { 0 }).status())
				.isEqualTo(IggyErrors.INVALID_FORMAT);
			assertThat(raw.request(IggyCommands.CREATE_STREAM, new byte[] { 5, 'a' }).status())
				.isEqualTo(IggyErrors.INVALID_COMMAND);
			assertThat(raw.request(IggyCommands.GET_STREAM, new byte[] { 1, 3, 0, 0, 0 }).status())
				.isEqualTo(IggyErrors.INVALID_FORMAT);
			assertThat(raw.request(IggyCommands.CREATE_STREAM, AbstractIggyContractTests.nameBytes("raw")).status())
				.isZero();
			assertThat(raw.request(IggyCommands.CREATE_TOPIC, IggyTestkitFileTests.createTopicPayload("raw", "t"))
				.status()).isZero();
			byte[] send = IggyTestkitFileTests.sendPayload("raw", "t", "ok");
			assertThat(raw.request(IggyCommands.SEND_MESSAGES, send).status()).isZero();
			byte[] badIndex = send.clone();
			badIndex[send.length - 2 - 64 - 16 + 4] = 1; // index end position no longer
															// matches
			assertThat(raw.request(IggyCommands.SEND_MESSAGES, badIndex).status())
				.isEqualTo(IggyErrors.INVALID_MESSAGES_SIZE);
			byte[] nonZeroOffset = send.clone();
			nonZeroOffset[send.length - 2 - 64 - 16] = 1;
			assertThat(raw.request(IggyCommands.SEND_MESSAGES, nonZeroOffset).status())
				.isEqualTo(IggyErrors.NON_ZERO_OFFSET);
			assertThat(raw.request(IggyCommands.POLL_MESSAGES, new byte[] { 1, 1, 4, 0 }).status())
				.isEqualTo(IggyErrors.INVALID_COMMAND);
			assertThat(raw.request(IggyCommands.GET_STREAMS, new byte[11 * 1024 * 1024]).status())
				.isEqualTo(IggyErrors.INVALID_COMMAND);
			assertThat(raw.request(IggyCommands.GET_STREAM, new byte[] { 7, 1, 'x' }).status())
				.isEqualTo(IggyErrors.INVALID_COMMAND);
			assertThat(raw.request(IggyCommands.PING, new byte[0]).status()).isZero();
			assertThat(iggy.server().messages("raw", "t")).extracting(StoredMessage::payloadAsString)
				.containsExactly("ok");
		}
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
