package io.fetchbox.observability.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumergroup.ConsumerGroupMember;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.exception.IggyAuthenticationException;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.system.Stats;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Iggy 0.8.0 contract, written only against the official Java SDK (blocking and async
 * TCP clients) plus a few raw frames. Runs against the testkit always and against the
 * real {@code apache/iggy:0.8.0} image where Docker exists, which is how parity is
 * checked. Tests share one server, so each works in its own uniquely named stream and
 * asserts nothing about global ids.
 */
abstract class AbstractIggyContractTests extends AbstractIggyStreamContractTests {

	// ---- framing and authentication

	@Test
	void pingWorksBeforeLogin() {
		assertThat(this.anonymous.system().ping()).isEqualTo("pong");
	}

	@Test
	void callBeforeLoginFailsInTheClient() {
		assertThatExceptionOfType(IggyNotConnectedException.class)
			.isThrownBy(() -> this.anonymous.streams().getStreams());
	}

	@Test
	void wrongPasswordIsInvalidCredentials() {
		assertThatExceptionOfType(IggyAuthenticationException.class)
			.isThrownBy(() -> this.anonymous.users().login("iggy", "not-the-password"))
			.satisfies((ex) -> assertThat(ex.getRawErrorCode()).isEqualTo(42));
	}

	@Test
	void unauthenticatedRawRequestGetsStatus40AndUnknownCommandGets3() throws IOException {
		try (RawConnection raw = new RawConnection(host(), port())) {
			assertThat(raw.request(201, new byte[0]).status()).isEqualTo(40);
			assertThat(raw.request(9999, new byte[0]).status()).isEqualTo(3);
			assertThat(raw.request(1, new byte[0]).status()).isZero();
		}
	}

	@Test
	void personalAccessTokenLogsInOnItsOwnConnectionOnly() throws IOException {
		String name = unique("pat");
		String token = this.client.personalAccessTokens().createPersonalAccessToken(name, BigInteger.ZERO).token();
		try (RawConnection raw = new RawConnection(host(), port());
				RawConnection other = new RawConnection(host(), port())) {
			assertThat(raw.request(44, nameBytes("no-such-token-" + name)).status()).isEqualTo(20);
			RawResponse login = raw.request(44, nameBytes(token));
			assertThat(login.status()).isZero();
			assertThat(login.payload()).hasSize(4);
			assertThat(raw.request(201, new byte[0]).status()).isZero();
			assertThat(other.request(201, new byte[0]).status()).isEqualTo(40);
			assertThat(raw.request(39, new byte[0]).status()).isZero();
			assertThat(raw.request(201, new byte[0]).status()).isEqualTo(40);
		}
		finally {
			this.client.personalAccessTokens().deletePersonalAccessToken(name);
		}
	}

	// ---- streams

	@Test
	void streamLifecycle() {
		String name = unique("s");
		StreamDetails created = this.client.streams().createStream(name);
		assertThat(created.name()).isEqualTo(name);
		assertThat(created.topicsCount()).isZero();
		assertThat(created.topics()).isEmpty();
		assertThat(this.client.streams().getStream(StreamId.of(name))).hasValueSatisfying((s) -> {
			assertThat(s.id()).isEqualTo(created.id());
			assertThat(s.createdAt()).isPositive();
		});
		assertThat(this.client.streams().getStream(StreamId.of(created.id()))).isPresent();
		assertThat(this.client.streams().getStreams()).extracting(StreamBase::name).contains(name);
		this.client.streams().deleteStream(StreamId.of(name));
		assertThat(this.client.streams().getStream(StreamId.of(name))).isEmpty();
	}

	@Test
	void duplicateStreamNameConflicts() {
		String name = newStream();
		assertThatExceptionOfType(IggyConflictException.class)
			.isThrownBy(() -> this.client.streams().createStream(name))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(1012));
	}

	@Test
	void missingStreamIsEmptyOnGetAndNotFoundOnDelete() {
		assertThat(this.client.streams().getStream(StreamId.of(4_000_000L))).isEmpty();
		assertThat(this.client.streams().getStream(StreamId.of(unique("missing")))).isEmpty();
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.client.streams().deleteStream(StreamId.of(unique("missing"))))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(1009));
	}

	@Test
	void streamsAreListedById() {
		newStream();
		newStream();
		List<Long> ids = this.client.streams().getStreams().stream().map(StreamBase::id).toList();
		assertThat(ids).isSorted().doesNotHaveDuplicates();
	}

	// ---- topics and partitions

	@Test
	void topicIsCreatedWithServerDefaults() {
		String stream = newStream();
		TopicDetails topic = this.client.topics()
			.createTopic(StreamId.of(stream), 3L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
					Optional.empty(), "joblogs");
		assertThat(topic.id()).isZero();
		assertThat(topic.name()).isEqualTo("joblogs");
		assertThat(topic.partitionsCount()).isEqualTo(3);
		assertThat(topic.partitions()).extracting((p) -> p.id()).containsExactly(0L, 1L, 2L);
		assertThat(topic.partitions()).allSatisfy((p) -> assertThat(p.messagesCount()).isZero());
		assertThat(topic.messageExpiry()).isEqualTo(U64_MAX);
		assertThat(topic.maxTopicSize()).isEqualTo(U64_MAX);
		assertThat(topic.replicationFactor()).isEqualTo((short) 1);
		assertThat(topic.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.None);
		assertThat(this.client.streams().getStream(StreamId.of(stream)))
			.hasValueSatisfying((s) -> assertThat(s.topics()).extracting((t) -> t.name()).containsExactly("joblogs"));
		assertThat(this.client.topics().getTopics(StreamId.of(stream))).hasSize(1);
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of(0L)))
			.hasValueSatisfying((t) -> assertThat(t.partitions()).hasSize(3));
	}

	@Test
	void topicErrors() {
		String stream = newStream();
		TopicDetails topic = newTopic(stream, 1);
		assertThatExceptionOfType(IggyConflictException.class)
			.isThrownBy(() -> this.client.topics()
				.createTopic(StreamId.of(stream), 1L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
						Optional.empty(), topic.name()))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(2013));
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of("missing"))).isEmpty();
		assertThat(this.client.topics().getTopic(StreamId.of(unique("missing")), TopicId.of(0L))).isEmpty();
		assertThat(this.client.topics().getTopics(StreamId.of(unique("missing")))).isEmpty();
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.client.topics().deleteTopic(StreamId.of(stream), TopicId.of("missing")))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(2010));
		assertThatExceptionOfType(IggyResourceNotFoundException.class).isThrownBy(() -> newTopic(unique("missing"), 1))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(1009));
	}

	@Test
	void topicLifecycleAndPartitions() {
		String stream = newStream();
		TopicDetails topic = newTopic(stream, 2);
		this.client.partitions().createPartitions(StreamId.of(stream), TopicId.of(topic.name()), 3L);
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of(topic.name()))).hasValueSatisfying(
				(t) -> assertThat(t.partitions()).extracting((p) -> p.id()).containsExactly(0L, 1L, 2L, 3L, 4L));
		this.async.partitions().deletePartitions(StreamId.of(stream), TopicId.of(topic.name()), 2L).join();
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of(topic.name()))).hasValueSatisfying(
				(t) -> assertThat(t.partitions()).extracting((p) -> p.id()).containsExactly(0L, 1L, 2L));
		this.client.topics().deleteTopic(StreamId.of(stream), TopicId.of(topic.id()));
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of(topic.name()))).isEmpty();
	}

	// ---- send and poll

	@Test
	void sendAndPollRoundTrip() {
		String stream = newStream();
		String topic = newTopic(stream, 1).name();
		List<Message> batch = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			batch.add(Message.of("m" + i, Map.of(HeaderKey.fromString("level"), HeaderValue.fromString("INFO"),
					HeaderKey.fromString("job_id"), HeaderValue.fromString("job-" + i))));
		}
		this.client.messages()
			.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L), batch);
		PolledMessages polled = poll(stream, topic, 0, PollingStrategy.offset(BigInteger.ZERO), 10);
		assertThat(polled.partitionId()).isZero();
		assertThat(polled.currentOffset()).isEqualTo(BigInteger.TWO);
		assertThat(offsets(polled)).containsExactly(0L, 1L, 2L);
		assertThat(payloads(polled)).containsExactly("m0", "m1", "m2");
		assertThat(polled.messages()).extracting((m) -> m.header().timestamp())
			.containsOnly(polled.messages().get(0).header().timestamp());
		assertThat(polled.messages().get(0).header().timestamp()).isPositive();
		assertThat(polled.messages()).allSatisfy((m) -> {
			assertThat(m.header().id().toBigInteger()).isNotEqualTo(BigInteger.ZERO);
			assertThat(m.header().originTimestamp()).isZero();
		});
		assertThat(polled.messages().get(1).userHeaders()).containsEntry(HeaderKey.fromString("job_id"),
				HeaderValue.fromString("job-1"));
		assertThat(this.client.topics().getTopic(StreamId.of(stream), TopicId.of(topic)))
			.hasValueSatisfying((t) -> assertThat(t.messagesCount()).isEqualTo(BigInteger.valueOf(3)));
	}

	@Test
	void balancedSendsRotatePartitionsPerRequest() {
		String stream = newStream();
		String topic = newTopic(stream, 3).name();
		for (int i = 0; i < 4; i++) {
			this.client.messages()
				.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.balanced(),
						List.of(Message.of("b" + i)));
		}
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.first(), 10))).containsExactly("b0", "b3");
		assertThat(payloads(poll(stream, topic, 1, PollingStrategy.first(), 10))).containsExactly("b1");
		assertThat(payloads(poll(stream, topic, 2, PollingStrategy.first(), 10))).containsExactly("b2");
	}

	@Test
	void messagesKeyPartitioningIsXxHash32ModuloPartitions() {
		String stream = newStream();
		String topic = newTopic(stream, 3).name();
		for (String key : List.of("order-42", "job-42", "test-key")) {
			this.client.messages()
				.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.messagesKey(key),
						List.of(Message.of(key)));
		}
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.first(), 10))).containsExactly("test-key");
		assertThat(payloads(poll(stream, topic, 1, PollingStrategy.first(), 10))).containsExactly("order-42");
		assertThat(payloads(poll(stream, topic, 2, PollingStrategy.first(), 10))).containsExactly("job-42");
	}

	@Test
	void sendToMissingPartitionOrTopicIsNotFound() {
		String stream = newStream();
		String topic = newTopic(stream, 3).name();
		List<Message> one = List.of(Message.of("x"));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.client.messages()
				.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(9L), one))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(3007));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.client.messages()
				.sendMessages(StreamId.of(stream), TopicId.of("missing"), Partitioning.balanced(), one))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(2010));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> poll(stream, topic, 9, PollingStrategy.first(), 1))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(3007));
	}

	@Test
	void pollingStrategies() {
		String stream = newStream();
		String topic = newTopic(stream, 1).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("a0"), Message.of("a1")));
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("b2"), Message.of("b3")));
		assertThat(poll(stream, topic, 0, PollingStrategy.offset(BigInteger.ZERO), 0).messages()).isEmpty();
		PolledMessages beyond = poll(stream, topic, 0, PollingStrategy.offset(BigInteger.TEN), 10);
		assertThat(beyond.messages()).isEmpty();
		assertThat(beyond.currentOffset()).isEqualTo(BigInteger.valueOf(3));
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.offset(BigInteger.ONE), 2))).containsExactly("a1",
				"b2");
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.first(), 3))).containsExactly("a0", "a1", "b2");
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.last(), 1))).containsExactly("b3");
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.last(), 3))).containsExactly("a1", "b2", "b3");
		BigInteger secondBatch = poll(stream, topic, 0, PollingStrategy.offset(BigInteger.TWO), 1).messages()
			.get(0)
			.header()
			.timestamp();
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.timestamp(secondBatch), 10))).containsExactly("b2",
				"b3");
		assertThat(
				poll(stream, topic, 0, PollingStrategy.timestamp(secondBatch.add(BigInteger.valueOf(60_000_000))), 10)
					.messages())
			.isEmpty();
	}

	@Test
	void nextWithAutoCommitAndConsumerOffsets() {
		String stream = newStream();
		String topic = newTopic(stream, 1).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> this.client.consumerOffsets()
				.storeConsumerOffset(s, t, Optional.of(0L), Consumer.of(5L), BigInteger.ZERO))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(4100));
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L),
					List.of(Message.of("n0"), Message.of("n1"), Message.of("n2"), Message.of("n3")));
		Consumer consumer = Consumer.of(5L);
		PolledMessages first = this.client.messages()
			.pollMessages(s, t, Optional.of(0L), consumer, PollingStrategy.next(), 2L, true);
		PolledMessages second = this.client.messages()
			.pollMessages(s, t, Optional.of(0L), consumer, PollingStrategy.next(), 2L, true);
		assertThat(offsets(first)).containsExactly(0L, 1L);
		assertThat(offsets(second)).containsExactly(2L, 3L);
		assertThat(this.client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), consumer))
			.hasValueSatisfying((info) -> {
				assertThat(info.storedOffset()).isEqualTo(BigInteger.valueOf(3));
				assertThat(info.currentOffset()).isEqualTo(BigInteger.valueOf(3));
				assertThat(info.partitionId()).isZero();
			});
		assertThat(this.client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), Consumer.of(6L))).isEmpty();
		Consumer tailer = Consumer.of(ConsumerId.of("tailer"));
		assertThat(offsets(
				this.client.messages().pollMessages(s, t, Optional.of(0L), tailer, PollingStrategy.next(), 3L, false)))
			.containsExactly(0L, 1L, 2L);
		this.client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), tailer, BigInteger.ONE);
		assertThat(offsets(
				this.client.messages().pollMessages(s, t, Optional.of(0L), tailer, PollingStrategy.next(), 10L, false)))
			.containsExactly(2L, 3L);
		assertThat(this.client.consumerOffsets().getConsumerOffset(s, t, Optional.empty(), tailer))
			.map(ConsumerOffsetInfo::storedOffset)
			.contains(BigInteger.ONE);
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> this.client.consumerOffsets()
				.storeConsumerOffset(s, t, Optional.of(0L), consumer, BigInteger.TEN))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(4100));
		assertThat(this.client.consumerOffsets()
			.getConsumerOffset(StreamId.of(unique("missing")), t, Optional.of(0L), consumer)).isEmpty();
	}

	// ---- consumer groups

	@Test
	void consumerGroupLifecycle() {
		String stream = newStream();
		String topic = newTopic(stream, 3).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		for (long p = 0; p < 3; p++) {
			this.client.messages().sendMessages(s, t, Partitioning.partitionId(p), List.of(Message.of("p" + p)));
		}
		ConsumerGroupDetails created = this.memberA.consumerGroups().createConsumerGroup(s, t, "workers");
		assertThat(created.id()).isZero();
		assertThat(created.membersCount()).isZero();
		assertThat(created.partitionsCount()).isEqualTo(3);
		assertThatExceptionOfType(IggyConflictException.class)
			.isThrownBy(() -> this.memberA.consumerGroups().createConsumerGroup(s, t, "workers"))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(5004));
		Consumer group = Consumer.group(ConsumerId.of("workers"));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.memberA.messages()
				.pollMessages(s, t, Optional.empty(), group, PollingStrategy.next(), 1L, true))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(5006));
		this.memberA.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of("workers"));
		assertThat(this.memberA.consumerGroups().getConsumerGroup(s, t, ConsumerId.of(0L))).hasValueSatisfying((g) -> {
			assertThat(g.membersCount()).isEqualTo(1);
			assertThat(g.members()).singleElement()
				.satisfies((m) -> assertThat(m.partitions()).containsExactlyInAnyOrder(0L, 1L, 2L));
		});
		ClientInfoDetails me = this.memberA.system().getMe();
		assertThat(me.consumerGroups()).anySatisfy((info) -> assertThat(info.consumerGroupId()).isZero());
		Set<Long> seen = new HashSet<>();
		List<String> received = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			PolledMessages polled = this.memberA.messages()
				.pollMessages(s, t, Optional.empty(), group, PollingStrategy.next(), 10L, true);
			received.addAll(payloads(polled));
			if (!polled.messages().isEmpty()) {
				seen.add(polled.partitionId());
			}
		}
		assertThat(seen).containsExactlyInAnyOrder(0L, 1L, 2L);
		assertThat(received).containsExactlyInAnyOrder("p0", "p1", "p2");
		assertThat(this.memberA.consumerOffsets().getConsumerOffset(s, t, Optional.of(1L), group))
			.map(ConsumerOffsetInfo::storedOffset)
			.contains(BigInteger.ZERO);
		this.memberA.consumerGroups().leaveConsumerGroup(s, t, ConsumerId.of("workers"));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.memberA.consumerGroups().leaveConsumerGroup(s, t, ConsumerId.of("workers")))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(5006));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> this.memberA.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of("missing")))
			.satisfies((ex) -> assertThat(rawCode(ex)).isEqualTo(5000));
		assertThat(this.memberA.consumerGroups().getConsumerGroup(s, t, ConsumerId.of("missing"))).isEmpty();
		assertThat(this.memberA.consumerGroups().getConsumerGroups(s, t)).hasSize(1);
		this.memberA.consumerGroups().deleteConsumerGroup(s, t, ConsumerId.of("workers"));
		assertThat(this.memberA.consumerGroups().getConsumerGroups(s, t)).isEmpty();
	}

	@Test
	void groupCommitWithExplicitPartitionFromThePoll() {
		String stream = newStream();
		String topic = newTopic(stream, 2).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(1L), List.of(Message.of("x0"), Message.of("x1")));
		this.memberA.consumerGroups().createConsumerGroup(s, t, "committers");
		this.memberA.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of("committers"));
		Consumer group = Consumer.group(ConsumerId.of("committers"));
		PolledMessages polled = this.memberA.messages()
			.pollMessages(s, t, Optional.of(1L), group, PollingStrategy.next(), 1L, false);
		assertThat(payloads(polled)).containsExactly("x0");
		this.memberA.consumerOffsets()
			.storeConsumerOffset(s, t, Optional.of(polled.partitionId()), group, BigInteger.ZERO);
		assertThat(payloads(
				this.memberA.messages().pollMessages(s, t, Optional.of(1L), group, PollingStrategy.next(), 10L, false)))
			.containsExactly("x1");
		this.memberA.consumerGroups().leaveConsumerGroup(s, t, ConsumerId.of("committers"));
	}

	@Test
	void twoMembersSplitPartitionsAndTheSurvivorTakesAllOnDisconnect() {
		String stream = newStream();
		String topic = newTopic(stream, 3).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		ConsumerId groupId = ConsumerId.of("pair");
		this.memberA.consumerGroups().createConsumerGroup(s, t, "pair");
		this.memberA.consumerGroups().joinConsumerGroup(s, t, groupId);
		this.memberB.consumerGroups().joinConsumerGroup(s, t, groupId);
		ConsumerGroupDetails both = this.client.consumerGroups().getConsumerGroup(s, t, groupId).orElseThrow();
		assertThat(both.membersCount()).isEqualTo(2);
		List<Long> assigned = both.members().stream().flatMap((m) -> m.partitions().stream()).toList();
		assertThat(assigned).doesNotHaveDuplicates().containsExactlyInAnyOrder(0L, 1L, 2L);
		assertThat(both.members()).allSatisfy((m) -> assertThat(m.partitions()).isNotEmpty());
		this.memberB.close();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ConsumerGroupDetails survivor = this.client.consumerGroups().getConsumerGroup(s, t, groupId).orElseThrow();
			assertThat(survivor.members()).singleElement()
				.extracting(ConsumerGroupMember::partitions)
				.satisfies((p) -> assertThat(p).containsExactlyInAnyOrder(0L, 1L, 2L));
		});
		this.memberA.consumerGroups().leaveConsumerGroup(s, t, groupId);
	}

	@Test
	void groupMembershipBelongsToTheConnectionThatJoined() throws IOException {
		String stream = newStream();
		String topic = newTopic(stream, 2).name();
		this.client.consumerGroups().createConsumerGroup(StreamId.of(stream), TopicId.of(topic), "per-connection");
		try (RawConnection joined = new RawConnection(host(), port());
				RawConnection other = new RawConnection(host(), port())) {
			byte[] login = IggyTestkitFileTests.loginPayload();
			assertThat(joined.request(38, login).status()).isZero();
			assertThat(other.request(38, login).status()).isZero();
			WireWriter group = new WireWriter().u8(2).name(stream).u8(2).name(topic).u8(2).name("per-connection");
			assertThat(joined.request(604, group.toByteArray()).status()).isZero();
			WireWriter poll = new WireWriter().u8(2)
				.u8(2)
				.name("per-connection")
				.u8(2)
				.name(stream)
				.u8(2)
				.name(topic)
				.u8(0)
				.u32(0)
				.u8(5)
				.u64(0)
				.u32(10)
				.u8(1);
			assertThat(joined.request(100, poll.toByteArray()).status()).isZero();
			// same user, another socket (as with the SDK's connection pool): not a member
			assertThat(other.request(100, poll.toByteArray()).status()).isEqualTo(5006);
		}
	}

	// ---- concurrency

	@Test
	void concurrentProducersLoseAndReorderNothingPerPartition() throws Exception {
		String stream = newStream();
		String topic = newTopic(stream, 4).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		int producers = 12;
		int perProducer = 60;
		List<CompletableFuture<Void>> chains = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			String key = "producer-" + p;
			CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
			for (int i = 0; i < perProducer; i++) {
				Message message = Message.of(key + ":" + i);
				chain = chain.thenCompose((v) -> this.async.messages()
					.sendMessages(s, t, Partitioning.messagesKey(key), List.of(message)));
			}
			chains.add(chain);
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			for (int p = 0; p < 4; p++) {
				int producer = p;
				chains.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < perProducer; i++) {
						this.client.messages()
							.sendMessages(s, t, Partitioning.partitionId((long) producer),
									List.of(Message.of("blocking-" + producer + ":" + i)));
					}
				}, threads));
			}
			CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		Map<String, Integer> lastSeen = new HashMap<>();
		int total = 0;
		for (long partition = 0; partition < 4; partition++) {
			long next = 0;
			while (true) {
				PolledMessages polled = poll(stream, topic, partition, PollingStrategy.offset(BigInteger.valueOf(next)),
						1000);
				if (polled.messages().isEmpty()) {
					break;
				}
				for (Message message : polled.messages()) {
					assertThat(message.header().offset().longValueExact()).isEqualTo(next++);
					String[] parts = new String(message.payload(), StandardCharsets.UTF_8).split(":");
					int seq = Integer.parseInt(parts[1]);
					String producerKey = partition + "/" + parts[0];
					assertThat(seq).as(producerKey).isEqualTo(lastSeen.getOrDefault(producerKey, -1) + 1);
					lastSeen.put(producerKey, seq);
					total++;
				}
			}
		}
		assertThat(total).isEqualTo((producers + 4) * perProducer);
		assertThat(lastSeen).hasSize(producers + 4).allSatisfy((k, v) -> assertThat(v).isEqualTo(perProducer - 1));
	}

	// ---- system

	@Test
	void statsAndMe() throws Exception {
		newStream();
		// The SDK sends GET_STATS without its login replay, so on a connection the pool
		// opens for it the server refuses it (40): ask on a single, logged-in connection.
		Stats stats = this.memberA.system().getStats();
		assertThat(stats.iggyServerSemver()).contains(8000L);
		assertThat(stats.streamsCount()).isPositive();
		ClientInfoDetails me = this.async.system().getMe().get(10, TimeUnit.SECONDS);
		assertThat(me.address()).contains(":");
		assertThat(me.transport()).isEqualTo("Tcp");
		assertThat(me.userId()).isEmpty(); // root is user 0, which the SDK maps to empty
	}

	@Test
	void asyncClientLifecycle() throws Exception {
		String name = unique("async");
		StreamDetails stream = this.async.streams().createStream(name).get(10, TimeUnit.SECONDS);
		assertThat(stream.name()).isEqualTo(name);
		TopicDetails topic = this.async.topics()
			.createTopic(StreamId.of(name), 2L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
					Optional.empty(), "events")
			.get(10, TimeUnit.SECONDS);
		assertThat(topic.partitions()).hasSize(2);
		this.async.messages()
			.sendMessages(StreamId.of(name), TopicId.of("events"), Partitioning.partitionId(1L),
					List.of(Message.of("hello")))
			.get(10, TimeUnit.SECONDS);
		PolledMessages polled = this.async.messages()
			.pollMessages(StreamId.of(name), TopicId.of("events"), Optional.of(1L), Consumer.of(1L),
					PollingStrategy.first(), 10L, false)
			.get(10, TimeUnit.SECONDS);
		assertThat(payloads(polled)).containsExactly("hello");
		assertThat(this.async.streams().getStream(StreamId.of(unique("missing"))).get(10, TimeUnit.SECONDS)).isEmpty();
		this.async.streams().deleteStream(StreamId.of(name)).get(10, TimeUnit.SECONDS);
	}

}
