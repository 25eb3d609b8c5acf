package io.fetchbox.observability.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The broker's state (streams, topics, partitions, groups, users, tokens, sessions) and
 * the look-ups every command family shares. The commands themselves live in one class per
 * family behind the {@link CommandTable}. One lock (this object) guards everything: the
 * critical sections are memory copies, which is plenty for tests and demos.
 */
final class Broker {

	static final long U64_MAX = -1L;

	static final int ROOT_USER_ID = 0;

	private final int maxMessagesPerPartition;

	private final long maxBytesPerPartition;

	private final long segmentSize;

	/** Unique id per partition incarnation (names its file in file-backed mode). */
	long nextPartitionUid;

	final long startedAtMicros = nowMicros();

	final SecureRandom random = new SecureRandom();

	final Slab<StreamState> streams = new Slab<>();

	final Slab<UserState> users = new Slab<>();

	/** Personal access tokens by raw token. */
	final Map<String, TokenState> tokens = new LinkedHashMap<>();

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

	private final MessageCommands messageCommands;

	private final CommandTable commands;

	Journal journal = Journal.NONE;

	/** Where the server listens (reported by GET_CLUSTER_METADATA). */
	volatile String host = "127.0.0.1";

	volatile int port;

	private long lastTimestamp;

	Broker(String username, String password, int maxMessagesPerPartition, long maxBytesPerPartition, long segmentSize) {
		this.maxMessagesPerPartition = maxMessagesPerPartition;
		this.maxBytesPerPartition = maxBytesPerPartition;
		this.segmentSize = segmentSize;
		this.users
			.insert((id) -> new UserState(id, username, password, UserState.ACTIVE, nowMicros(), Permissions.root()));
		this.messageCommands = new MessageCommands(this);
		this.commands = new CommandTable(this, new SystemCommands(this), new UserCommands(this),
				new StreamTopicCommands(this), this.messageCommands, new GroupCommands(this));
	}

	/**
	 * Executes one command for a session.
	 * @return the success payload (possibly empty)
	 * @throws IggyErrorException with the status code to send
	 */
	byte[] execute(Session session, int code, byte[] payload) {
		return this.commands.execute(session, code, payload);
	}

	PartitionLog newPartition(int id, long createdAt) {
		return newPartition(id, createdAt, this.nextPartitionUid++);
	}

	PartitionLog newPartition(int id, long createdAt, long uid) {
		this.nextPartitionUid = Math.max(this.nextPartitionUid, uid + 1);
		return new PartitionLog(id, createdAt, uid, this.maxMessagesPerPartition, this.maxBytesPerPartition,
				this.segmentSize);
	}

	synchronized void journal(Journal journal) {
		this.journal = journal;
	}

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	/** A timestamp that never goes backwards, so timestamp polling stays ordered. */
	long nextTimestamp() {
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

	boolean connected(long clientId) {
		return this.sessions.containsKey(clientId);
	}

	/** Open sessions in client-id order. */
	List<Session> sessions() {
		List<Session> out = new ArrayList<>(this.sessions.values());
		out.sort((a, b) -> Long.compare(a.clientId(), b.clientId()));
		return out;
	}

	@Nullable Session session(long clientId) {
		return this.sessions.get(clientId);
	}

	/** The rights of the session's user (none for a deleted user). */
	Permissions permissions(Session session) {
		UserState user = this.users.get(session.userId());
		return (user != null && user.permissions != null) ? user.permissions : Permissions.NONE;
	}

	// ---- look-ups (GET commands answer "missing" with an empty payload, others with
	// the not-found code)

	@Nullable StreamState findStream(Identifier id) {
		return this.streams.find(id, (stream) -> stream.name);
	}

	StreamState stream(Identifier id) {
		StreamState stream = findStream(id);
		if (stream == null) {
			throw new IggyErrorException(IggyErrors.STREAM_NOT_FOUND);
		}
		return stream;
	}

	static @Nullable TopicState findTopic(StreamState stream, Identifier id) {
		return stream.topics.find(id, (topic) -> topic.name);
	}

	static TopicState topic(StreamState stream, Identifier id) {
		TopicState topic = findTopic(stream, id);
		if (topic == null) {
			throw new IggyErrorException(IggyErrors.TOPIC_NOT_FOUND);
		}
		return topic;
	}

	@Nullable UserState findUser(Identifier id) {
		return this.users.find(id, (user) -> user.username);
	}

	/** Consumer groups this session has joined, as {stream, topic, group} ids. */
	List<long[]> groupsJoined(long clientId) {
		List<long[]> joined = new ArrayList<>();
		for (StreamState stream : this.streams.values()) {
			for (TopicState topic : stream.topics.values()) {
				for (GroupState group : topic.groups.values()) {
					if (group.member(clientId) != null) {
						joined.add(new long[] { stream.id, topic.id, group.id });
					}
				}
			}
		}
		return joined;
	}

	// ---- test set-up and read-back

	synchronized void addToken(String token, String name) {
		this.tokens.put(token, new TokenState(ROOT_USER_ID, name));
	}

	/** Deletes every stream (ids start from 0 again); users, tokens and sessions stay. */
	synchronized void reset() {
		this.streams.clear();
		this.journal.changed();
	}

	/**
	 * Appends a batch the way SEND_MESSAGES does (without a session's permission check).
	 * @return the stored messages
	 */
	List<StoredMessage> append(SendRequest request) {
		return this.messageCommands.append(request);
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

}
