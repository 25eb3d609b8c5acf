package io.fetchbox.observability.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The messages and offsets family: SEND_MESSAGES, POLL_MESSAGES, FLUSH_UNSAVED_BUFFER and
 * the consumer offsets (get, store, delete).
 */
final class MessageCommands {

	private final Broker broker;

	MessageCommands(Broker broker) {
		this.broker = broker;
	}

	// ---- send

	/** Runs outside the broker lock: the batch is parsed and validated first. */
	byte[] send(Session session, WireReader in) {
		append(SendRequest.parse(in), session);
		return new byte[0];
	}

	List<StoredMessage> append(SendRequest request) {
		return append(request, null);
	}

	/**
	 * Appends a batch the way SEND_MESSAGES does.
	 * @param session the sender whose send permission is checked, or {@code null} for
	 * test set-up
	 * @return the stored messages
	 */
	private List<StoredMessage> append(SendRequest request, @Nullable Session session) {
		synchronized (this.broker) {
			StreamState stream = this.broker.stream(request.stream());
			TopicState topic = Broker.topic(stream, request.topic());
			if (session != null) {
				Permissions.require(this.broker.permissions(session).send(stream.id, topic.id));
			}
			int partitionId = partitionFor(topic, request);
			PartitionLog partition = topic.partitions.get(partitionId);
			long timestamp = this.broker.nextTimestamp();
			List<byte[]> stored = new ArrayList<>(request.frames().size());
			for (byte[] frame : request.frames()) {
				WireWriter.putU64(frame, 24, partition.nextOffset());
				WireWriter.putU64(frame, 32, timestamp);
				if (WireWriter.getU64(frame, 8) == 0 && WireWriter.getU64(frame, 16) == 0) {
					// a random UUIDv4 like the server's, without SecureRandom's cost per
					// message
					ThreadLocalRandom random = ThreadLocalRandom.current();
					long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
					long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
					WireWriter.putU64(frame, 8, lsb);
					WireWriter.putU64(frame, 16, msb);
				}
				// the SDK never verifies checksums; 0 marks "not computed"
				WireWriter.putU64(frame, 0, 0);
				partition.append(frame, timestamp);
				stored.add(frame);
			}
			this.broker.journal.appended(partition, stored);
			List<StoredMessage> out = new ArrayList<>(stored.size());
			for (byte[] frame : stored) {
				out.add(StoredMessage.fromFrame(partitionId, frame));
			}
			return out;
		}
	}

	private static int partitionFor(TopicState topic, SendRequest request) {
		int partitionCount = topic.partitions.size();
		switch (request.partitioningKind()) {
			case 1 -> {
				if (partitionCount == 0) {
					throw new IggyErrorException(IggyErrors.TOPIC_NOT_FOUND);
				}
				int partitionId = topic.balancedCounter;
				topic.balancedCounter = (topic.balancedCounter + 1) % partitionCount;
				return partitionId;
			}
			case 2 -> {
				long requested = WireWriter.getU32(request.partitioningValue(), 0);
				if (requested >= partitionCount) {
					throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
				}
				return (int) requested;
			}
			default -> {
				if (partitionCount == 0) {
					throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
				}
				return (int) (XxHash32.hash(request.partitioningValue()) % partitionCount);
			}
		}
	}

	/**
	 * Request: stream, topic, {@code u32 partition_id, u8 fsync}. Needs the send
	 * permission. The testkit keeps no unsaved buffer (file-backed mode hands every SEND
	 * to the OS at once), so there is nothing left to flush.
	 */
	byte[] flush(Session session, WireReader in) {
		StreamState stream = this.broker.stream(in.identifier());
		TopicState topic = Broker.topic(stream, in.identifier());
		long partitionId = in.u32();
		in.u8();
		Permissions.require(this.broker.permissions(session).send(stream.id, topic.id));
		if (partitionId >= topic.partitions.size()) {
			throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
		}
		return new byte[0];
	}

	// ---- poll

	byte[] poll(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		StreamState stream = this.broker.stream(in.identifier());
		TopicState topic = Broker.topic(stream, in.identifier());
		long requestedPartition = in.optionalPartition();
		int strategy = in.u8();
		long value = in.u64();
		long count = in.u32();
		boolean autoCommit = in.u8() != 0;
		if (strategy < 1 || strategy > 5) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		Permissions.require(this.broker.permissions(session).poll(stream.id, topic.id));
		Map<Integer, Long> offsets;
		int partitionId;
		if (consumer.group()) {
			GroupState group = topic.group(consumer.id());
			partitionId = memberPartition(requireMember(group, session), requestedPartition, true);
			if (partitionId < 0) {
				// a partition the member does not own, or none at all: an empty answer
				return emptyPoll(0, 0);
			}
			offsets = group.offsets;
		}
		else {
			partitionId = (int) Math.max(0, requestedPartition);
			if (requestedPartition >= topic.partitions.size() || partitionId >= topic.partitions.size()) {
				throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
			}
			offsets = topic.consumerOffsets.computeIfAbsent(consumer.key(), (k) -> new HashMap<>());
		}
		PartitionLog partition = topic.partitions.get(partitionId);
		if (count == 0 || partition.retained() == 0) {
			return emptyPoll(partitionId, partition.currentOffset());
		}
		long cur = partition.currentOffset();
		long start = switch (strategy) {
			case 1 -> value;
			case 2 -> partition.offsetForTimestamp(value);
			case 3 -> partition.firstOffset();
			case 4 -> Math.max(partition.firstOffset(), cur + 1 - Math.min(count, cur + 1));
			default -> {
				Long stored = offsets.get(partitionId);
				yield (stored != null) ? stored + 1 : partition.firstOffset();
			}
		};
		if (start < 0 || Long.compareUnsigned(start, cur) > 0) {
			return emptyPoll(partitionId, cur);
		}
		List<byte[]> frames = partition.read(start, count);
		if (autoCommit && !frames.isEmpty()) {
			offsets.put(partitionId, WireWriter.getU64(frames.get(frames.size() - 1), 24));
			this.broker.journal.offsetsChanged();
		}
		int total = 16;
		for (byte[] frame : frames) {
			total += frame.length;
		}
		WireWriter out = new WireWriter(total);
		out.u32(partitionId).u64(cur).u32(frames.size());
		for (byte[] frame : frames) {
			out.bytes(frame);
		}
		return out.toByteArray();
	}

	private static byte[] emptyPoll(int partitionId, long currentOffset) {
		return new WireWriter(16).u32(partitionId).u64(currentOffset).u32(0).toByteArray();
	}

	/** Group membership belongs to the connection that joined (5006 on any other). */
	private static GroupState.Member requireMember(GroupState group, Session session) {
		GroupState.Member member = group.member(session.clientId());
		if (member == null) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_MEMBER_NOT_FOUND);
		}
		return member;
	}

	/**
	 * The group member's partition for a request: the explicit one if the member owns it,
	 * otherwise the member's round-robin cursor (which only polls advance).
	 * @return the partition id, or -1 when the member owns neither
	 */
	private static int memberPartition(GroupState.Member member, long requested, boolean advance) {
		if (requested >= 0) {
			return member.partitions.contains((int) requested) ? (int) requested : -1;
		}
		if (member.partitions.isEmpty()) {
			return -1;
		}
		int partitionId = member.partitions.get(member.cursor % member.partitions.size());
		if (advance) {
			member.cursor = (member.cursor + 1) % member.partitions.size();
		}
		return partitionId;
	}

	// ---- consumer offsets

	/** Missing entities and nothing stored are an empty success. */
	byte[] getOffset(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		StreamState stream = this.broker.findStream(in.identifier());
		Identifier topicId = in.identifier();
		long requestedPartition = in.optionalPartition();
		TopicState topic = (stream != null) ? Broker.findTopic(stream, topicId) : null;
		if (topic == null) {
			return new byte[0];
		}
		Permissions.require(this.broker.permissions(session).poll(stream.id, topic.id));
		int partitionId = (int) Math.max(0, requestedPartition);
		if (partitionId >= topic.partitions.size()) {
			return new byte[0];
		}
		Map<Integer, Long> offsets;
		if (consumer.group()) {
			GroupState group = topic.findGroup(consumer.id());
			if (group == null) {
				return new byte[0];
			}
			offsets = group.offsets;
		}
		else {
			offsets = topic.consumerOffsets.get(consumer.key());
		}
		Long stored = (offsets != null) ? offsets.get(partitionId) : null;
		if (stored == null) {
			return new byte[0];
		}
		return new WireWriter(20).u32(partitionId)
			.u64(topic.partitions.get(partitionId).currentOffset())
			.u64(stored)
			.toByteArray();
	}

	byte[] storeOffset(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		Target target = target(session, in, consumer);
		long offset = in.u64();
		PartitionLog partition = target.topic.partitions.get(target.partitionId);
		if (partition.neverWritten() || Long.compareUnsigned(offset, partition.currentOffset()) > 0) {
			throw new IggyErrorException(IggyErrors.INVALID_OFFSET);
		}
		target.offsets.put(target.partitionId, offset);
		this.broker.journal.offsetsChanged();
		return new byte[0];
	}

	/** Same request as GET; nothing stored is ConsumerOffsetNotFound (3021). */
	byte[] deleteOffset(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		Target target = target(session, in, consumer);
		if (target.offsets.remove(target.partitionId) == null) {
			throw new IggyErrorException(IggyErrors.CONSUMER_OFFSET_NOT_FOUND);
		}
		this.broker.journal.offsetsChanged();
		return new byte[0];
	}

	/**
	 * Resolves where STORE and DELETE act, as the server does: stream (1009), topic
	 * (2010), poll permission (41); a plain consumer without a partition means partition
	 * 0; a group needs this connection as a member (5006) with a partition to act on
	 * (3022); then the partition must exist (3007).
	 */
	private Target target(Session session, WireReader in, Consumer consumer) {
		StreamState stream = this.broker.stream(in.identifier());
		TopicState topic = Broker.topic(stream, in.identifier());
		long requestedPartition = in.optionalPartition();
		Permissions.require(this.broker.permissions(session).poll(stream.id, topic.id));
		Map<Integer, Long> offsets;
		int partitionId;
		if (consumer.group()) {
			GroupState group = topic.group(consumer.id());
			partitionId = memberPartition(requireMember(group, session), requestedPartition, false);
			if (partitionId < 0) {
				throw new IggyErrorException(IggyErrors.NOT_RESOLVED_CONSUMER);
			}
			offsets = group.offsets;
		}
		else {
			partitionId = (int) Math.max(0, requestedPartition);
			offsets = topic.consumerOffsets.computeIfAbsent(consumer.key(), (k) -> new HashMap<>());
		}
		if (partitionId >= topic.partitions.size()) {
			throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
		}
		return new Target(topic, partitionId, offsets);
	}

	private record Target(TopicState topic, int partitionId, Map<Integer, Long> offsets) {
	}

	/** A consumer from the wire: kind 1 (single) or 2 (group) plus an identifier. */
	record Consumer(boolean group, Identifier id) {

		static Consumer read(WireReader in) {
			int kind = in.u8();
			if (kind != 1 && kind != 2) {
				throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
			}
			return new Consumer(kind == 2, in.identifier());
		}

		/** Plain consumers are keyed by numeric id, or XXH32 of a string id. */
		long key() {
			String name = this.id.name();
			return (name != null) ? XxHash32.hash(name.getBytes(StandardCharsets.UTF_8)) : this.id.id();
		}

	}

}
