package io.fetchbox.observability.testkit;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract of the commands that change streams, topics, offsets and segments in place
 * (update, purge, flush, consumer-offset and segment deletion), through both SDK clients
 * where the SDK has a method, through the SDK's transport where it has none.
 */
abstract class AbstractIggyStreamContractTests extends AbstractIggyUserContractTests {

	private static byte[] named(String... names) {
		WireWriter out = new WireWriter();
		for (String name : names) {
			out.u8(2).name(name);
		}
		return out.toByteArray();
	}

	private static void assertCode(Throwable ex, int code) {
		assertThat(rawCode(ex)).isEqualTo(code);
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void updateStreamRenames(Sdk sdk) {
		Api api = api(sdk);
		String name = newStream();
		String taken = newStream();
		String renamed = unique("s");
		long id = api.streams().getStream(StreamId.of(name)).orElseThrow().id();
		api.streams().updateStream(StreamId.of(name), renamed);
		assertThat(api.streams().getStream(StreamId.of(name))).isEmpty();
		assertThat(api.streams().getStream(StreamId.of(renamed)))
			.hasValueSatisfying((s) -> assertThat(s.id()).isEqualTo(id));
		api.streams().updateStream(StreamId.of(renamed), renamed);
		assertThatExceptionOfType(IggyConflictException.class)
			.isThrownBy(() -> api.streams().updateStream(StreamId.of(renamed), taken))
			.satisfies((ex) -> assertCode(ex, 1012));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> api.streams().updateStream(StreamId.of(unique("missing")), unique("s")))
			.satisfies((ex) -> assertCode(ex, 1009));
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void updateTopicChangesItsSettings(Sdk sdk) {
		Api api = api(sdk);
		String stream = newStream();
		StreamId s = StreamId.of(stream);
		TopicDetails topic = newTopic(stream, 2);
		TopicDetails other = newTopic(stream, 1);
		String renamed = unique("t");
		api.topics()
			.updateTopic(s, TopicId.of(topic.id()), CompressionAlgorithm.Gzip, BigInteger.valueOf(60_000_000), U64_MAX,
					Optional.of((short) 1), renamed);
		assertThat(api.topics().getTopic(s, TopicId.of(renamed))).hasValueSatisfying((t) -> {
			assertThat(t.id()).isEqualTo(topic.id());
			assertThat(t.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.Gzip);
			assertThat(t.messageExpiry()).isEqualTo(BigInteger.valueOf(60_000_000));
			assertThat(t.maxTopicSize()).isEqualTo(U64_MAX);
			assertThat(t.partitionsCount()).isEqualTo(2);
		});
		// unlike CREATE, UPDATE keeps 0 ("server default") as sent
		api.topics()
			.updateTopic(s, TopicId.of(renamed), CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
					Optional.empty(), renamed);
		assertThat(api.topics().getTopic(s, TopicId.of(renamed))).hasValueSatisfying((t) -> {
			assertThat(t.messageExpiry()).isZero();
			assertThat(t.maxTopicSize()).isZero();
			assertThat(t.replicationFactor()).isEqualTo((short) 1);
		});
		assertThatExceptionOfType(IggyConflictException.class)
			.isThrownBy(() -> api.topics()
				.updateTopic(s, TopicId.of(renamed), CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
						Optional.empty(), other.name()))
			.satisfies((ex) -> assertCode(ex, 2013));
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> api.topics()
				.updateTopic(s, TopicId.of(unique("missing")), CompressionAlgorithm.None, BigInteger.ZERO,
						BigInteger.ZERO, Optional.empty(), unique("t")))
			.satisfies((ex) -> assertCode(ex, 2010));
	}

	@Test
	void flushThenPurgeTopicEmptiesItAndForgetsOffsets() throws Exception {
		SdkTransport transport = transport();
		String stream = newStream();
		String topic = newTopic(stream, 2).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L),
					List.of(Message.of("a"), Message.of("b"), Message.of("c")));
		this.client.messages().sendMessages(s, t, Partitioning.partitionId(1L), List.of(Message.of("d")));
		this.client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), Consumer.of(5L), BigInteger.ONE);
		for (int partition = 0; partition < 2; partition++) {
			// FLUSH_UNSAVED_BUFFER: stream, topic, u32 partition, u8 fsync
			byte[] flush = new WireWriter().bytes(named(stream, topic)).u32(partition).u8(1).toByteArray();
			assertThat(transport.send(IggyCommands.FLUSH_UNSAVED_BUFFER, flush)).isEmpty();
		}
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> transport.send(IggyCommands.FLUSH_UNSAVED_BUFFER,
					new WireWriter().bytes(named(unique("missing"), topic)).u32(0).u8(0).toByteArray()))
			.satisfies((ex) -> assertCode(ex, 1009));
		assertThat(transport.send(IggyCommands.PURGE_TOPIC, named(stream, topic))).isEmpty();
		assertThat(this.client.topics().getTopic(s, t)).hasValueSatisfying((details) -> {
			assertThat(details.messagesCount()).isZero();
			assertThat(details.partitions()).allSatisfy((p) -> assertThat(p.messagesCount()).isZero());
		});
		assertThat(poll(stream, topic, 0, PollingStrategy.first(), 10).messages()).isEmpty();
		assertThat(this.client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), Consumer.of(5L))).isEmpty();
		this.client.messages().sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("after")));
		assertThat(offsets(poll(stream, topic, 0, PollingStrategy.first(), 10))).containsExactly(0L);
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> transport.send(IggyCommands.PURGE_TOPIC, named(stream, unique("missing"))))
			.satisfies((ex) -> assertCode(ex, 2010));
	}

	@Test
	void purgeStreamEmptiesEveryTopic() throws Exception {
		SdkTransport transport = transport();
		String stream = newStream();
		String first = newTopic(stream, 1).name();
		String second = newTopic(stream, 1).name();
		for (String topic : List.of(first, second)) {
			this.client.messages()
				.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
						List.of(Message.of("x")));
			transport.send(IggyCommands.FLUSH_UNSAVED_BUFFER,
					new WireWriter().bytes(named(stream, topic)).u32(0).u8(1).toByteArray());
		}
		assertThat(transport.send(IggyCommands.PURGE_STREAM, named(stream))).isEmpty();
		assertThat(this.client.streams().getStream(StreamId.of(stream))).hasValueSatisfying((details) -> {
			assertThat(details.messagesCount()).isZero();
			assertThat(details.topics()).hasSize(2).allSatisfy((t) -> assertThat(t.messagesCount()).isZero());
		});
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> transport.send(IggyCommands.PURGE_STREAM, named(unique("missing"))))
			.satisfies((ex) -> assertCode(ex, 1009));
	}

	@Test
	void deleteConsumerOffset() throws Exception {
		SdkTransport transport = transport();
		String stream = newStream();
		String topic = newTopic(stream, 1).name();
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic);
		this.client.messages()
			.sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("a"), Message.of("b")));
		this.client.consumerOffsets().storeConsumerOffset(s, t, Optional.of(0L), Consumer.of(5L), BigInteger.ONE);
		// consumer kind 1, id 5; stream; topic; partition 0
		byte[] request = new WireWriter().u8(1)
			.u8(1)
			.u8(4)
			.u32(5)
			.bytes(named(stream, topic))
			.u8(1)
			.u32(0)
			.toByteArray();
		assertThat(transport.send(IggyCommands.DELETE_CONSUMER_OFFSET, request)).isEmpty();
		assertThat(this.client.consumerOffsets().getConsumerOffset(s, t, Optional.of(0L), Consumer.of(5L))).isEmpty();
		assertThat(offsets(this.client.messages()
			.pollMessages(s, t, Optional.of(0L), Consumer.of(5L), PollingStrategy.next(), 10L, false)))
			.containsExactly(0L, 1L);
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> transport.send(IggyCommands.DELETE_CONSUMER_OFFSET, request))
			.satisfies((ex) -> assertCode(ex, 3021));
	}

	@Test
	void deleteSegmentsKeepsTheActiveSegment() throws Exception {
		SdkTransport transport = transport();
		String stream = newStream();
		String topic = newTopic(stream, 1).name();
		this.client.messages()
			.sendMessages(StreamId.of(stream), TopicId.of(topic), Partitioning.partitionId(0L),
					List.of(Message.of("a"), Message.of("b")));
		// stream, topic, u32 partition, u32 segments_count
		byte[] request = new WireWriter().bytes(named(stream, topic)).u32(0).u32(10).toByteArray();
		assertThat(transport.send(IggyCommands.DELETE_SEGMENTS, request)).isEmpty();
		assertThat(payloads(poll(stream, topic, 0, PollingStrategy.first(), 10))).containsExactly("a", "b");
		assertThatExceptionOfType(IggyResourceNotFoundException.class)
			.isThrownBy(() -> transport.send(IggyCommands.DELETE_SEGMENTS,
					new WireWriter().bytes(named(stream, topic)).u32(9).u32(1).toByteArray()))
			.satisfies((ex) -> assertCode(ex, 3007));
	}

}
