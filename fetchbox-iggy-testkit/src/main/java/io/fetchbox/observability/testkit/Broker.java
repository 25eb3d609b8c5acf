package io.fetchbox.observability.testkit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The broker state and the semantics of Iggy server 0.8.0's commands (streams, topics,
 * partitions, messages, offsets, consumer groups, users). One lock guards everything: the
 * critical sections are memory copies, which is plenty for tests and demos.
 */
final class Broker {

	static final long U64_MAX = -1L;

	private static final long ONE_GIB = 1024L * 1024 * 1024;

	private static final int MAX_PARTITIONS = 1000;

	private static final int ROOT_USER_ID = 0;

	private final String username;

	private final String password;

	private final int maxMessagesPerPartition;

	private final long maxBytesPerPartition;

	/** Unique id per partition incarnation (names its file in file-backed mode). */
	long nextPartitionUid;

	private final long startedAtMicros = nowMicros();

	private final SecureRandom random = new SecureRandom();

	final Slab<StreamState> streams = new Slab<>();

	/** Personal access tokens: token to name. */
	final Map<String, String> tokens = new LinkedHashMap<>();

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

	private Journal journal = Journal.NONE;

	private long lastTimestamp;

	Broker(String username, String password, int maxMessagesPerPartition, long maxBytesPerPartition) {
		this.username = username;
		this.password = password;
		this.maxMessagesPerPartition = maxMessagesPerPartition;
		this.maxBytesPerPartition = maxBytesPerPartition;
	}

	PartitionLog newPartition(int id, long createdAt) {
		return newPartition(id, createdAt, this.nextPartitionUid++);
	}

	PartitionLog newPartition(int id, long createdAt, long uid) {
		this.nextPartitionUid = Math.max(this.nextPartitionUid, uid + 1);
		return new PartitionLog(id, createdAt, uid, this.maxMessagesPerPartition, this.maxBytesPerPartition);
	}

	synchronized void journal(Journal journal) {
		this.journal = journal;
	}

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	/** A timestamp that never goes backwards, so timestamp polling stays ordered. */
	private long nextTimestamp() {
		long now = nowMicros();
		this.lastTimestamp = Math.max(now, this.lastTimestamp);
		return this.lastTimestamp;
	}

	// ---- sessions

	void connected(Session session) {
		this.sessions.put(session.clientId(), session);
	}

	synchronized void disconnected(Session session) {
		this.sessions.remove(session.clientId());
		for (StreamState stream : this.streams.values()) {
			for (TopicState topic : stream.topics.values()) {
				for (GroupState group : topic.groups.values()) {
					if (group.members.removeIf((m) -> m.clientId == session.clientId())) {
						group.rebalance(topic.partitions.size());
					}
				}
			}
		}
	}

	int sessionCount() {
		return this.sessions.size();
	}

	// ---- dispatch

	/**
	 * Executes one command for a session.
	 * @return the success payload (possibly empty)
	 * @throws IggyErrorException with the status code to send
	 */
	byte[] execute(Session session, int code, byte[] payload) {
		if (!isKnown(code)) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		if (code != IggyCommands.PING && code != IggyCommands.LOGIN_USER
				&& code != IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN && !session.authenticated()) {
			throw new IggyErrorException(IggyErrors.UNAUTHENTICATED);
		}
		WireReader in = new WireReader(payload);
		if (code == IggyCommands.SEND_MESSAGES) {
			// parse and validate outside the lock
			return send(SendRequest.parse(in));
		}
		synchronized (this) {
			return switch (code) {
				case IggyCommands.PING -> new byte[0];
				case IggyCommands.GET_STATS -> stats();
				case IggyCommands.GET_ME -> me(session);
				case IggyCommands.LOGIN_USER -> login(session, in);
				case IggyCommands.LOGOUT_USER -> {
					session.logout();
					yield new byte[0];
				}
				case IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN -> loginWithToken(session, in);
				case IggyCommands.GET_PERSONAL_ACCESS_TOKENS -> getTokens();
				case IggyCommands.CREATE_PERSONAL_ACCESS_TOKEN -> createToken(in);
				case IggyCommands.DELETE_PERSONAL_ACCESS_TOKEN -> deleteToken(in);
				case IggyCommands.POLL_MESSAGES -> poll(session, in);
				case IggyCommands.GET_CONSUMER_OFFSET -> getOffset(in);
				case IggyCommands.STORE_CONSUMER_OFFSET -> storeOffset(session, in);
				case IggyCommands.GET_STREAM -> getStream(in);
				case IggyCommands.GET_STREAMS -> getStreams();
				case IggyCommands.CREATE_STREAM -> createStream(in);
				case IggyCommands.DELETE_STREAM -> deleteStream(in);
				case IggyCommands.GET_TOPIC -> getTopic(in);
				case IggyCommands.GET_TOPICS -> getTopics(in);
				case IggyCommands.CREATE_TOPIC -> createTopic(in);
				case IggyCommands.DELETE_TOPIC -> deleteTopic(in);
				case IggyCommands.CREATE_PARTITIONS -> createPartitions(in);
				case IggyCommands.DELETE_PARTITIONS -> deletePartitions(in);
				case IggyCommands.GET_CONSUMER_GROUP -> getGroup(in);
				case IggyCommands.GET_CONSUMER_GROUPS -> getGroups(in);
				case IggyCommands.CREATE_CONSUMER_GROUP -> createGroup(in);
				case IggyCommands.DELETE_CONSUMER_GROUP -> deleteGroup(in);
				case IggyCommands.JOIN_CONSUMER_GROUP -> joinGroup(session, in);
				case IggyCommands.LEAVE_CONSUMER_GROUP -> leaveGroup(session, in);
				default -> throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
			};
		}
	}

	static boolean isKnown(int code) {
		return switch (code) {
			case IggyCommands.PING, IggyCommands.GET_STATS, IggyCommands.GET_ME, IggyCommands.LOGIN_USER,
					IggyCommands.LOGOUT_USER, IggyCommands.GET_PERSONAL_ACCESS_TOKENS,
					IggyCommands.CREATE_PERSONAL_ACCESS_TOKEN, IggyCommands.DELETE_PERSONAL_ACCESS_TOKEN,
					IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, IggyCommands.POLL_MESSAGES,
					IggyCommands.SEND_MESSAGES, IggyCommands.GET_CONSUMER_OFFSET, IggyCommands.STORE_CONSUMER_OFFSET,
					IggyCommands.GET_STREAM, IggyCommands.GET_STREAMS, IggyCommands.CREATE_STREAM,
					IggyCommands.DELETE_STREAM, IggyCommands.GET_TOPIC, IggyCommands.GET_TOPICS,
					IggyCommands.CREATE_TOPIC, IggyCommands.DELETE_TOPIC, IggyCommands.CREATE_PARTITIONS,
					IggyCommands.DELETE_PARTITIONS, IggyCommands.GET_CONSUMER_GROUP, IggyCommands.GET_CONSUMER_GROUPS,
					IggyCommands.CREATE_CONSUMER_GROUP, IggyCommands.DELETE_CONSUMER_GROUP,
					IggyCommands.JOIN_CONSUMER_GROUP, IggyCommands.LEAVE_CONSUMER_GROUP ->
				true;
			default -> false;
		};
	}

	// ---- system and users

	private byte[] stats() {
		int topics = 0;
		int partitions = 0;
		int groups = 0;
		long messages = 0;
		long bytes = 0;
		for (StreamState stream : this.streams.values()) {
			for (TopicState topic : stream.topics.values()) {
				topics++;
				partitions += topic.partitions.size();
				groups += topic.groups.count();
				messages += topic.messagesCount();
				bytes += topic.sizeBytes();
			}
		}
		Runtime rt = Runtime.getRuntime();
		long now = nowMicros();
		WireWriter out = new WireWriter(256);
		out.u32(ProcessHandle.current().pid() & 0xFFFFFFFFL)
			.f32(0f)
			.f32(0f)
			.u64(rt.totalMemory() - rt.freeMemory())
			.u64(rt.maxMemory())
			.u64(rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()))
			.u64((now - this.startedAtMicros) / 1_000_000L)
			.u64(this.startedAtMicros)
			.u64(0)
			.u64(0)
			.u64(bytes)
			.u32(this.streams.count())
			.u32(topics)
			.u32(partitions)
			.u32(partitions)
			.u64(messages)
			.u32(this.sessions.size())
			.u32(groups)
			.string32("fetchbox-iggy-testkit")
			.string32(System.getProperty("os.name", ""))
			.string32(System.getProperty("os.version", ""))
			.string32("")
			.string32("0.8.0")
			.u32(8000)
			.u32(0)
			.u32(Thread.activeCount())
			.u64(0)
			.u64(0);
		return out.toByteArray();
	}

	private byte[] me(Session session) {
		List<long[]> joined = new ArrayList<>();
		for (StreamState stream : this.streams.values()) {
			for (TopicState topic : stream.topics.values()) {
				for (GroupState group : topic.groups.values()) {
					if (group.member(session.clientId()) != null) {
						joined.add(new long[] { stream.id, topic.id, group.id });
					}
				}
			}
		}
		WireWriter out = new WireWriter();
		out.u32(session.clientId()).u32(session.userId()).u8(1).string32(session.address()).u32(joined.size());
		for (long[] g : joined) {
			out.u32(g[0]).u32(g[1]).u32(g[2]);
		}
		return out.toByteArray();
	}

	private byte[] login(Session session, WireReader in) {
		int userLength = in.u8();
		String user = new String(in.bytes(userLength), StandardCharsets.UTF_8);
		int passwordLength = in.u8();
		String pass = new String(in.bytes(passwordLength), StandardCharsets.UTF_8);
		// version and context follow; the server decodes them and ignores them
		if (userLength < 3 || userLength > 50) {
			throw new IggyErrorException(IggyErrors.INVALID_USERNAME);
		}
		if (passwordLength < 3 || passwordLength > 100) {
			throw new IggyErrorException(IggyErrors.INVALID_PASSWORD);
		}
		if (!this.username.equals(user) || !this.password.equals(pass)) {
			throw new IggyErrorException(IggyErrors.INVALID_CREDENTIALS);
		}
		session.login(ROOT_USER_ID);
		return new WireWriter(4).u32(ROOT_USER_ID).toByteArray();
	}

	private byte[] loginWithToken(Session session, WireReader in) {
		String token = in.name();
		if (!this.tokens.containsKey(token)) {
			throw new IggyErrorException(IggyErrors.RESOURCE_NOT_FOUND);
		}
		session.login(ROOT_USER_ID);
		return new WireWriter(4).u32(ROOT_USER_ID).toByteArray();
	}

	private byte[] getTokens() {
		WireWriter out = new WireWriter();
		for (String name : this.tokens.values()) {
			out.name(name).u64(0);
		}
		return out.toByteArray();
	}

	private byte[] createToken(WireReader in) {
		String name = in.name();
		in.u64();
		if (this.tokens.containsValue(name)) {
			throw new IggyErrorException(IggyErrors.PAT_NAME_ALREADY_EXISTS);
		}
		byte[] raw = new byte[32];
		this.random.nextBytes(raw);
		StringBuilder token = new StringBuilder();
		for (byte b : raw) {
			token.append(String.format("%02x", b));
		}
		addToken(token.toString(), name);
		this.journal.changed();
		return new WireWriter().name(token.toString()).toByteArray();
	}

	synchronized void addToken(String token, String name) {
		this.tokens.put(token, name);
	}

	private byte[] deleteToken(WireReader in) {
		String name = in.name();
		if (!this.tokens.values().remove(name)) {
			throw new IggyErrorException(IggyErrors.RESOURCE_NOT_FOUND);
		}
		this.journal.changed();
		return new byte[0];
	}

	// ---- streams

	private @Nullable StreamState findStream(Identifier id) {
		if (id.name() == null) {
			return this.streams.get(id.id());
		}
		for (StreamState stream : this.streams.values()) {
			if (stream.name.equals(id.name())) {
				return stream;
			}
		}
		return null;
	}

	private StreamState stream(Identifier id) {
		StreamState stream = findStream(id);
		if (stream == null) {
			throw new IggyErrorException(IggyErrors.STREAM_NOT_FOUND);
		}
		return stream;
	}

	private byte[] getStream(WireReader in) {
		StreamState stream = findStream(in.identifier());
		if (stream == null) {
			return new byte[0];
		}
		WireWriter out = new WireWriter();
		stream.writeHeader(out);
		for (TopicState topic : stream.topics.values()) {
			topic.writeHeader(out);
		}
		return out.toByteArray();
	}

	private byte[] getStreams() {
		WireWriter out = new WireWriter();
		for (StreamState stream : this.streams.values()) {
			stream.writeHeader(out);
		}
		return out.toByteArray();
	}

	private byte[] createStream(WireReader in) {
		String name = in.name();
		if (findStream(Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.STREAM_NAME_ALREADY_EXISTS);
		}
		StreamState stream = this.streams.insert((id) -> new StreamState(id, name, nowMicros()));
		this.journal.changed();
		WireWriter out = new WireWriter();
		stream.writeHeader(out);
		return out.toByteArray();
	}

	private byte[] deleteStream(WireReader in) {
		StreamState stream = stream(in.identifier());
		this.streams.remove(stream.id);
		this.journal.changed();
		return new byte[0];
	}

	// ---- topics

	private @Nullable TopicState findTopic(StreamState stream, Identifier id) {
		if (id.name() == null) {
			return stream.topics.get(id.id());
		}
		for (TopicState topic : stream.topics.values()) {
			if (topic.name.equals(id.name())) {
				return topic;
			}
		}
		return null;
	}

	private TopicState topic(StreamState stream, Identifier id) {
		TopicState topic = findTopic(stream, id);
		if (topic == null) {
			throw new IggyErrorException(IggyErrors.TOPIC_NOT_FOUND);
		}
		return topic;
	}

	private byte[] getTopic(WireReader in) {
		StreamState stream = findStream(in.identifier());
		Identifier topicId = in.identifier();
		TopicState topic = (stream != null) ? findTopic(stream, topicId) : null;
		if (topic == null) {
			return new byte[0];
		}
		return topic.details();
	}

	private byte[] getTopics(WireReader in) {
		StreamState stream = findStream(in.identifier());
		WireWriter out = new WireWriter();
		if (stream != null) {
			for (TopicState topic : stream.topics.values()) {
				topic.writeHeader(out);
			}
		}
		return out.toByteArray();
	}

	private byte[] createTopic(WireReader in) {
		Identifier streamId = in.identifier();
		long partitions = in.u32();
		int compression = in.u8();
		long expiry = in.u64();
		long maxSize = in.u64();
		int replication = in.u8();
		String name = in.name();
		if (compression != 1 && compression != 2) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		StreamState stream = stream(streamId);
		if (partitions > MAX_PARTITIONS) {
			throw new IggyErrorException(IggyErrors.TOO_MANY_PARTITIONS);
		}
		if (maxSize != 0 && maxSize != U64_MAX && Long.compareUnsigned(maxSize, ONE_GIB) < 0) {
			throw new IggyErrorException(IggyErrors.INVALID_TOPIC_SIZE);
		}
		if (findTopic(stream, Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.TOPIC_NAME_ALREADY_EXISTS);
		}
		long now = nowMicros();
		TopicState topic = stream.topics.insert((id) -> new TopicState(id, name, now, compression,
				(expiry == 0) ? U64_MAX : expiry, (maxSize == 0) ? U64_MAX : maxSize, Math.max(1, replication)));
		for (int i = 0; i < partitions; i++) {
			topic.partitions.add(newPartition(i, now));
		}
		this.journal.changed();
		return topic.details();
	}

	private byte[] deleteTopic(WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		stream.topics.remove(topic.id);
		this.journal.changed();
		return new byte[0];
	}

	private byte[] createPartitions(WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		long count = in.u32();
		if (topic.partitions.size() + count > MAX_PARTITIONS) {
			throw new IggyErrorException(IggyErrors.TOO_MANY_PARTITIONS);
		}
		long now = nowMicros();
		for (int i = 0; i < count; i++) {
			topic.partitions.add(newPartition(topic.partitions.size(), now));
		}
		topic.rebalanceGroups();
		this.journal.changed();
		return new byte[0];
	}

	private byte[] deletePartitions(WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
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
		this.journal.changed();
		return new byte[0];
	}

	// ---- messages

	private byte[] send(SendRequest request) {
		append(request);
		return new byte[0];
	}

	/**
	 * Appends a batch the way SEND_MESSAGES does.
	 * @return the stored messages
	 */
	List<StoredMessage> append(SendRequest request) {
		long timestamp;
		synchronized (this) {
			StreamState stream = stream(request.stream());
			TopicState topic = topic(stream, request.topic());
			int partitionCount = topic.partitions.size();
			int partitionId;
			switch (request.partitioningKind()) {
				case 1 -> {
					if (partitionCount == 0) {
						throw new IggyErrorException(IggyErrors.TOPIC_NOT_FOUND);
					}
					partitionId = topic.balancedCounter;
					topic.balancedCounter = (topic.balancedCounter + 1) % partitionCount;
				}
				case 2 -> {
					long requested = WireWriter.getU32(request.partitioningValue(), 0);
					if (requested >= partitionCount) {
						throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
					}
					partitionId = (int) requested;
				}
				default -> {
					if (partitionCount == 0) {
						throw new IggyErrorException(IggyErrors.PARTITION_NOT_FOUND);
					}
					partitionId = (int) (XxHash32.hash(request.partitioningValue()) % partitionCount);
				}
			}
			PartitionLog partition = topic.partitions.get(partitionId);
			timestamp = nextTimestamp();
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
			this.journal.appended(partition, stored);
			List<StoredMessage> out = new ArrayList<>(stored.size());
			for (byte[] frame : stored) {
				out.add(StoredMessage.fromFrame(partitionId, frame));
			}
			return out;
		}
	}

	/**
	 * Creates the stream and topic unless they exist (test set-up without a client).
	 */
	synchronized void ensureTopic(String streamName, String topicName, int partitions) {
		StreamState stream = findStream(Identifier.named(streamName));
		if (stream == null) {
			stream = this.streams.insert((id) -> new StreamState(id, streamName, nowMicros()));
		}
		if (findTopic(stream, Identifier.named(topicName)) == null) {
			long now = nowMicros();
			TopicState topic = stream.topics.insert((id) -> new TopicState(id, topicName, now, 1, U64_MAX, U64_MAX, 1));
			for (int i = 0; i < partitions; i++) {
				topic.partitions.add(newPartition(i, now));
			}
		}
		this.journal.changed();
	}

	private byte[] poll(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		long requestedPartition = in.optionalPartition();
		int strategy = in.u8();
		long value = in.u64();
		long count = in.u32();
		boolean autoCommit = in.u8() != 0;
		if (strategy < 1 || strategy > 5) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		Map<Integer, Long> offsets;
		int partitionId;
		if (consumer.group()) {
			GroupState group = topic.group(consumer.id());
			Member member = requireMember(group, session);
			if (requestedPartition >= 0) {
				if (!member.partitions.contains((int) requestedPartition)) {
					return emptyPoll(0, 0);
				}
				partitionId = (int) requestedPartition;
			}
			else {
				if (member.partitions.isEmpty()) {
					return emptyPoll(0, 0);
				}
				partitionId = member.partitions.get(member.cursor % member.partitions.size());
				member.cursor = (member.cursor + 1) % member.partitions.size();
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
			offsets.put(partitionId, start(frames.get(frames.size() - 1)));
			this.journal.offsetsChanged();
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

	private static long start(byte[] frame) {
		return WireWriter.getU64(frame, 24);
	}

	private static byte[] emptyPoll(int partitionId, long currentOffset) {
		return new WireWriter(16).u32(partitionId).u64(currentOffset).u32(0).toByteArray();
	}

	// ---- offsets

	private byte[] getOffset(WireReader in) {
		Consumer consumer = Consumer.read(in);
		StreamState stream = findStream(in.identifier());
		Identifier topicId = in.identifier();
		long requestedPartition = in.optionalPartition();
		TopicState topic = (stream != null) ? findTopic(stream, topicId) : null;
		int partitionId = (int) Math.max(0, requestedPartition);
		if (topic == null || partitionId >= topic.partitions.size()) {
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

	/** Group membership belongs to the connection that joined (5006 on any other). */
	private static Member requireMember(GroupState group, Session session) {
		Member member = group.member(session.clientId());
		if (member == null) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_MEMBER_NOT_FOUND);
		}
		return member;
	}

	private byte[] storeOffset(Session session, WireReader in) {
		Consumer consumer = Consumer.read(in);
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		long requestedPartition = in.optionalPartition();
		long offset = in.u64();
		Map<Integer, Long> offsets;
		int partitionId;
		if (consumer.group()) {
			GroupState group = topic.group(consumer.id());
			Member member = requireMember(group, session);
			if (requestedPartition >= 0) {
				if (!member.partitions.contains((int) requestedPartition)) {
					throw new IggyErrorException(IggyErrors.NOT_RESOLVED_CONSUMER);
				}
				partitionId = (int) requestedPartition;
			}
			else {
				if (member.partitions.isEmpty()) {
					throw new IggyErrorException(IggyErrors.NOT_RESOLVED_CONSUMER);
				}
				// the real server uses the round-robin cursor without advancing it
				partitionId = member.partitions.get(member.cursor % member.partitions.size());
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
		PartitionLog partition = topic.partitions.get(partitionId);
		if (partition.neverWritten() || Long.compareUnsigned(offset, partition.currentOffset()) > 0) {
			throw new IggyErrorException(IggyErrors.INVALID_OFFSET);
		}
		offsets.put(partitionId, offset);
		this.journal.offsetsChanged();
		return new byte[0];
	}

	// ---- consumer groups

	private byte[] getGroup(WireReader in) {
		StreamState stream = findStream(in.identifier());
		Identifier topicId = in.identifier();
		Identifier groupId = in.identifier();
		TopicState topic = (stream != null) ? findTopic(stream, topicId) : null;
		GroupState group = (topic != null) ? topic.findGroup(groupId) : null;
		if (group == null) {
			return new byte[0];
		}
		WireWriter out = new WireWriter();
		group.writeHeader(out, topic.partitions.size());
		for (Member member : group.members) {
			out.u32(member.memberId).u32(member.partitions.size());
			for (int p : member.partitions) {
				out.u32(p);
			}
		}
		return out.toByteArray();
	}

	private byte[] getGroups(WireReader in) {
		StreamState stream = findStream(in.identifier());
		Identifier topicId = in.identifier();
		TopicState topic = (stream != null) ? findTopic(stream, topicId) : null;
		WireWriter out = new WireWriter();
		if (topic != null) {
			for (GroupState group : topic.groups.values()) {
				group.writeHeader(out, topic.partitions.size());
			}
		}
		return out.toByteArray();
	}

	private byte[] createGroup(WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		String name = in.name();
		if (topic.findGroup(Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_NAME_ALREADY_EXISTS);
		}
		GroupState group = topic.groups.insert((id) -> new GroupState(id, name));
		this.journal.changed();
		WireWriter out = new WireWriter();
		group.writeHeader(out, topic.partitions.size());
		return out.toByteArray();
	}

	private byte[] deleteGroup(WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		GroupState group = topic.group(in.identifier());
		topic.groups.remove(group.id);
		this.journal.changed();
		return new byte[0];
	}

	private byte[] joinGroup(Session session, WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		GroupState group = topic.group(in.identifier());
		group.members.removeIf((m) -> !this.sessions.containsKey(m.clientId));
		if (group.member(session.clientId()) == null) {
			int memberId = 0;
			for (Member member : group.members) {
				memberId = Math.max(memberId, member.memberId + 1);
			}
			group.members.add(new Member(memberId, session.clientId()));
		}
		group.rebalance(topic.partitions.size());
		return new byte[0];
	}

	private byte[] leaveGroup(Session session, WireReader in) {
		StreamState stream = stream(in.identifier());
		TopicState topic = topic(stream, in.identifier());
		GroupState group = topic.group(in.identifier());
		if (!group.members.removeIf((m) -> m.clientId == session.clientId())) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_MEMBER_NOT_FOUND);
		}
		group.rebalance(topic.partitions.size());
		return new byte[0];
	}

	// ---- read-back for tests

	/** Deletes every stream (ids start from 0 again); tokens and sessions stay. */
	synchronized void reset() {
		this.streams.clear();
		this.journal.changed();
	}

	synchronized List<StoredMessage> messages(String streamName, String topicName) {
		StreamState stream = findStream(Identifier.named(streamName));
		if (stream == null && streamName.chars().allMatch(Character::isDigit) && !streamName.isEmpty()) {
			stream = findStream(Identifier.numeric(Long.parseLong(streamName)));
		}
		if (stream == null) {
			return List.of();
		}
		TopicState topic = findTopic(stream, Identifier.named(topicName));
		if (topic == null && topicName.chars().allMatch(Character::isDigit) && !topicName.isEmpty()) {
			topic = findTopic(stream, Identifier.numeric(Long.parseLong(topicName)));
		}
		if (topic == null) {
			return List.of();
		}
		List<StoredMessage> out = new ArrayList<>();
		for (PartitionLog partition : topic.partitions) {
			for (byte[] frame : partition.read(partition.firstOffset(), partition.retained())) {
				out.add(StoredMessage.fromFrame(partition.id(), frame));
			}
		}
		return out;
	}

	// ---- state

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

	static final class StreamState {

		final int id;

		final String name;

		final long createdAt;

		final Slab<TopicState> topics = new Slab<>();

		StreamState(int id, String name, long createdAt) {
			this.id = id;
			this.name = name;
			this.createdAt = createdAt;
		}

		void writeHeader(WireWriter out) {
			long size = 0;
			long messages = 0;
			for (TopicState topic : this.topics.values()) {
				size += topic.sizeBytes();
				messages += topic.messagesCount();
			}
			out.u32(this.id).u64(this.createdAt).u32(this.topics.count()).u64(size).u64(messages).name(this.name);
		}

	}

	static final class TopicState {

		final int id;

		final String name;

		final long createdAt;

		final int compression;

		final long expiry;

		final long maxSize;

		final int replication;

		final List<PartitionLog> partitions = new ArrayList<>();

		int balancedCounter;

		final Slab<GroupState> groups = new Slab<>();

		/** Plain consumers' offsets: consumer key to partition to stored offset. */
		final Map<Long, Map<Integer, Long>> consumerOffsets = new HashMap<>();

		TopicState(int id, String name, long createdAt, int compression, long expiry, long maxSize, int replication) {
			this.id = id;
			this.name = name;
			this.createdAt = createdAt;
			this.compression = compression;
			this.expiry = expiry;
			this.maxSize = maxSize;
			this.replication = replication;
		}

		long sizeBytes() {
			long size = 0;
			for (PartitionLog partition : this.partitions) {
				size += partition.sizeBytes();
			}
			return size;
		}

		long messagesCount() {
			long count = 0;
			for (PartitionLog partition : this.partitions) {
				count += partition.retained();
			}
			return count;
		}

		void writeHeader(WireWriter out) {
			out.u32(this.id)
				.u64(this.createdAt)
				.u32(this.partitions.size())
				.u64(this.expiry)
				.u8(this.compression)
				.u64(this.maxSize)
				.u8(this.replication)
				.u64(sizeBytes())
				.u64(messagesCount())
				.name(this.name);
		}

		byte[] details() {
			WireWriter out = new WireWriter();
			writeHeader(out);
			for (PartitionLog partition : this.partitions) {
				out.u32(partition.id())
					.u64(partition.createdAt())
					.u32(partition.neverWritten() ? 0 : 1)
					.u64(partition.currentOffset())
					.u64(partition.sizeBytes())
					.u64(partition.retained());
			}
			return out.toByteArray();
		}

		@Nullable GroupState findGroup(Identifier id) {
			if (id.name() == null) {
				return this.groups.get(id.id());
			}
			for (GroupState group : this.groups.values()) {
				if (group.name.equals(id.name())) {
					return group;
				}
			}
			return null;
		}

		GroupState group(Identifier id) {
			GroupState group = findGroup(id);
			if (group == null) {
				throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_NOT_FOUND);
			}
			return group;
		}

		void rebalanceGroups() {
			for (GroupState group : this.groups.values()) {
				group.rebalance(this.partitions.size());
			}
		}

	}

	static final class GroupState {

		final int id;

		final String name;

		/** Members in join order. */
		final List<Member> members = new ArrayList<>();

		/** The group's stored offsets (they belong to the group, not to members). */
		final Map<Integer, Long> offsets = new HashMap<>();

		GroupState(int id, String name) {
			this.id = id;
			this.name = name;
		}

		@Nullable Member member(long clientId) {
			for (Member member : this.members) {
				if (member.clientId == clientId) {
					return member;
				}
			}
			return null;
		}

		/**
		 * Partition i goes to member i mod M in join order: the same steady state as the
		 * server's cooperative and full rebalances (a disjoint cover of all partitions).
		 */
		void rebalance(int partitionCount) {
			for (Member member : this.members) {
				member.partitions.clear();
				member.cursor = 0;
			}
			if (this.members.isEmpty()) {
				return;
			}
			for (int p = 0; p < partitionCount; p++) {
				this.members.get(p % this.members.size()).partitions.add(p);
			}
		}

		void writeHeader(WireWriter out, int partitionCount) {
			out.u32(this.id).u32(partitionCount).u32(this.members.size()).name(this.name);
		}

	}

	static final class Member {

		final int memberId;

		final long clientId;

		final List<Integer> partitions = new ArrayList<>();

		int cursor;

		Member(int memberId, long clientId) {
			this.memberId = memberId;
			this.clientId = clientId;
		}

	}

}
