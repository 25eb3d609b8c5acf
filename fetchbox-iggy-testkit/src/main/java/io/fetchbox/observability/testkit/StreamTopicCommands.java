package io.fetchbox.observability.testkit;

import java.util.Map;

/**
 * The streams and topics family: streams, topics, partitions and segments. Like the
 * server, a command resolves its stream and topic first (1009, 2010) and checks the
 * user's permission second (41).
 */
final class StreamTopicCommands {

	private static final long ONE_GIB = 1024L * 1024 * 1024;

	private static final int MAX_PARTITIONS = 1000;

	private final Broker broker;

	StreamTopicCommands(Broker broker) {
		this.broker = broker;
	}

	private Permissions rights(Session session) {
		return this.broker.permissions(session);
	}

	// ---- streams

	byte[] getStream(Session session, WireReader in) {
		StreamState stream = this.broker.findStream(in.identifier());
		if (stream == null) {
			return new byte[0];
		}
		Permissions.require(rights(session).readStream(stream.id));
		WireWriter out = new WireWriter();
		stream.writeHeader(out);
		for (TopicState topic : stream.topics.values()) {
			topic.writeHeader(out);
		}
		return out.toByteArray();
	}

	byte[] getStreams(Session session, WireReader in) {
		Permissions.require(rights(session).readStreams());
		WireWriter out = new WireWriter();
		for (StreamState stream : this.broker.streams.values()) {
			stream.writeHeader(out);
		}
		return out.toByteArray();
	}

	byte[] createStream(Session session, WireReader in) {
		String name = in.name();
		Permissions.require(rights(session).createStream());
		if (this.broker.findStream(Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.STREAM_NAME_ALREADY_EXISTS);
		}
		StreamState stream = this.broker.streams.insert((id) -> new StreamState(id, name, Broker.nowMicros()));
		this.broker.journal.changed();
		WireWriter out = new WireWriter();
		stream.writeHeader(out);
		return out.toByteArray();
	}

	private StreamState managedStream(Session session, Identifier id) {
		StreamState stream = this.broker.stream(id);
		Permissions.require(rights(session).manageStream(stream.id));
		return stream;
	}

	byte[] deleteStream(Session session, WireReader in) {
		StreamState stream = managedStream(session, in.identifier());
		this.broker.streams.remove(stream.id);
		// the server forgets every user's rights on a deleted stream
		for (UserState user : this.broker.users.values()) {
			if (user.permissions != null) {
				user.permissions = user.permissions.withoutStream(stream.id);
			}
		}
		this.broker.journal.changed();
		return new byte[0];
	}

	/** Request: stream Identifier + Name. Renaming to its own name is a no-op. */
	byte[] updateStream(Session session, WireReader in) {
		Identifier id = in.identifier();
		String name = in.name();
		StreamState stream = managedStream(session, id);
		StreamState existing = this.broker.findStream(Identifier.named(name));
		if (existing != null && existing != stream) {
			throw new IggyErrorException(IggyErrors.STREAM_NAME_ALREADY_EXISTS);
		}
		stream.name = name;
		this.broker.journal.changed();
		return new byte[0];
	}

	/** Purges every topic of the stream (see {@link #purgeTopic}). */
	byte[] purgeStream(Session session, WireReader in) {
		StreamState stream = managedStream(session, in.identifier());
		for (TopicState topic : stream.topics.values()) {
			purge(topic);
		}
		this.broker.journal.changed();
		return new byte[0];
	}

	// ---- topics

	byte[] getTopic(Session session, WireReader in) {
		StreamState stream = this.broker.findStream(in.identifier());
		Identifier topicId = in.identifier();
		TopicState topic = (stream != null) ? Broker.findTopic(stream, topicId) : null;
		if (topic == null) {
			return new byte[0];
		}
		Permissions.require(rights(session).readTopic(stream.id, topic.id));
		return topic.details();
	}

	byte[] getTopics(Session session, WireReader in) {
		StreamState stream = this.broker.findStream(in.identifier());
		WireWriter out = new WireWriter();
		if (stream != null) {
			Permissions.require(rights(session).readTopics(stream.id));
			for (TopicState topic : stream.topics.values()) {
				topic.writeHeader(out);
			}
		}
		return out.toByteArray();
	}

	byte[] createTopic(Session session, WireReader in) {
		Identifier streamId = in.identifier();
		long partitions = in.u32();
		TopicSettings settings = TopicSettings.read(in);
		long maxSize = settings.maxSize();
		String name = settings.name();
		StreamState stream = this.broker.stream(streamId);
		Permissions.require(rights(session).createTopic(stream.id));
		if (partitions > MAX_PARTITIONS) {
			throw new IggyErrorException(IggyErrors.TOO_MANY_PARTITIONS);
		}
		if (maxSize != 0 && maxSize != Broker.U64_MAX && Long.compareUnsigned(maxSize, ONE_GIB) < 0) {
			throw new IggyErrorException(IggyErrors.INVALID_TOPIC_SIZE);
		}
		if (Broker.findTopic(stream, Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.TOPIC_NAME_ALREADY_EXISTS);
		}
		long now = Broker.nowMicros();
		// create resolves "server default" (0) to the default config: never expire,
		// unlimited size
		long expiry = (settings.expiry() == 0) ? Broker.U64_MAX : settings.expiry();
		TopicState topic = stream.topics.insert((id) -> new TopicState(id, name, now, settings.compression(), expiry,
				(maxSize == 0) ? Broker.U64_MAX : maxSize, settings.replication()));
		for (int i = 0; i < partitions; i++) {
			topic.partitions.add(this.broker.newPartition(i, now));
		}
		this.broker.journal.changed();
		return topic.details();
	}

	/**
	 * The topic settings CREATE_TOPIC and UPDATE_TOPIC share: {@code u8 compression (1
	 * none, 2 gzip), u64 expiry, u64 max_size, u8 replication_factor (0 means 1)}, Name.
	 */
	private record TopicSettings(int compression, long expiry, long maxSize, int replication, String name) {

		static TopicSettings read(WireReader in) {
			int compression = in.u8();
			if (compression != 1 && compression != 2) {
				throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
			}
			long expiry = in.u64();
			long maxSize = in.u64();
			int replication = Math.max(1, in.u8());
			return new TopicSettings(compression, expiry, maxSize, replication, in.name());
		}

	}

	private TopicState managedTopic(Session session, Identifier streamId, Identifier topicId) {
		StreamState stream = this.broker.stream(streamId);
		TopicState topic = Broker.topic(stream, topicId);
		Permissions.require(rights(session).manageTopic(stream.id, topic.id));
		return topic;
	}

	byte[] deleteTopic(Session session, WireReader in) {
		StreamState stream = this.broker.stream(in.identifier());
		TopicState topic = Broker.topic(stream, in.identifier());
		Permissions.require(rights(session).manageTopic(stream.id, topic.id));
		stream.topics.remove(topic.id);
		this.broker.journal.changed();
		return new byte[0];
	}

	/**
	 * Request: stream, topic, {@code u8 compression, u64 expiry, u64 max_size,
	 * u8 replication_factor}, Name. Unlike create, the server 0.8.0 stores expiry and
	 * maximum size as sent (0 stays 0, "server default") and does not check the size
	 * against the segment size.
	 */
	byte[] updateTopic(Session session, WireReader in) {
		Identifier streamId = in.identifier();
		Identifier topicId = in.identifier();
		TopicSettings settings = TopicSettings.read(in);
		StreamState stream = this.broker.stream(streamId);
		TopicState topic = managedTopic(session, streamId, topicId);
		TopicState existing = Broker.findTopic(stream, Identifier.named(settings.name()));
		if (existing != null && existing != topic) {
			throw new IggyErrorException(IggyErrors.TOPIC_NAME_ALREADY_EXISTS);
		}
		topic.name = settings.name();
		topic.compression = settings.compression();
		topic.expiry = settings.expiry();
		topic.maxSize = settings.maxSize();
		topic.replication = settings.replication();
		this.broker.journal.changed();
		return new byte[0];
	}

	byte[] purgeTopic(Session session, WireReader in) {
		TopicState topic = managedTopic(session, in.identifier(), in.identifier());
		purge(topic);
		this.broker.journal.changed();
		return new byte[0];
	}

	/**
	 * What the server's purge does: every partition loses its messages and starts again
	 * at offset 0, and every stored consumer and group offset of the topic is cleared.
	 * Groups and their members stay.
	 */
	private void purge(TopicState topic) {
		for (int i = 0; i < topic.partitions.size(); i++) {
			PartitionLog old = topic.partitions.get(i);
			// a fresh partition (and, file-backed, a fresh file)
			topic.partitions.set(i, this.broker.newPartition(old.id(), old.createdAt()));
		}
		topic.consumerOffsets.clear();
		for (GroupState group : topic.groups.values()) {
			group.offsets.clear();
		}
	}

	// ---- partitions and segments

	byte[] createPartitions(Session session, WireReader in) {
		TopicState topic = managedTopic(session, in.identifier(), in.identifier());
		long count = in.u32();
		if (topic.partitions.size() + count > MAX_PARTITIONS) {
			throw new IggyErrorException(IggyErrors.TOO_MANY_PARTITIONS);
		}
		long now = Broker.nowMicros();
		for (int i = 0; i < count; i++) {
			topic.partitions.add(this.broker.newPartition(topic.partitions.size(), now));
		}
		topic.rebalanceGroups();
		this.broker.journal.changed();
		return new byte[0];
	}

	byte[] deletePartitions(Session session, WireReader in) {
		TopicState topic = managedTopic(session, in.identifier(), in.identifier());
		long count = in.u32();
		if (count > topic.partitions.size()) {
			throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
		}
		for (int i = 0; i < count; i++) {
			PartitionLog removed = topic.partitions.remove(topic.partitions.size() - 1);
			for (Map<Integer, Long> offsets : topic.consumerOffsets.values()) {
				offsets.remove(removed.id());
			}
			for (GroupState group : topic.groups.values()) {
				group.offsets.remove(removed.id());
			}
		}
		topic.rebalanceGroups();
		this.broker.journal.changed();
		return new byte[0];
	}

	/**
	 * Request: stream, topic, {@code u32 partition_id, u32 segments_count}. Deletes up to
	 * that many of the partition's oldest sealed segments (never the active one, never
	 * one holding messages a consumer or group has not committed); OK even when none
	 * qualifies, as on the server. Segments seal at the configured segment size.
	 */
	byte[] deleteSegments(Session session, WireReader in) {
		StreamState stream = this.broker.stream(in.identifier());
		TopicState topic = Broker.topic(stream, in.identifier());
		long partitionId = in.u32();
		long count = in.u32();
		if (partitionId >= topic.partitions.size()) {
			throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
		}
		Permissions.require(rights(session).manageTopic(stream.id, topic.id));
		int deleted = topic.partitions.get((int) partitionId)
			.deleteOldestSegments(count, lowestCommitted(topic, (int) partitionId));
		if (deleted > 0) {
			this.broker.journal.changed();
		}
		return new byte[0];
	}

	/** The lowest offset stored by any consumer or group on the partition, or -1. */
	private static long lowestCommitted(TopicState topic, int partitionId) {
		long lowest = -1;
		for (Map<Integer, Long> offsets : topic.consumerOffsets.values()) {
			lowest = lower(lowest, offsets.get(partitionId));
		}
		for (GroupState group : topic.groups.values()) {
			lowest = lower(lowest, group.offsets.get(partitionId));
		}
		return lowest;
	}

	private static long lower(long lowest, Long offset) {
		if (offset == null) {
			return lowest;
		}
		return (lowest < 0) ? offset : Math.min(lowest, offset);
	}

}
