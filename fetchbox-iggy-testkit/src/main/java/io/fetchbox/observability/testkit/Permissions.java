package io.fetchbox.observability.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A user's permissions as Iggy server 0.8.0 models them (global flags, per-stream flags,
 * per-topic flags) with the server's inheritance rules: each check below mirrors one
 * {@code perm_*} function of the server's metadata reader. A failed check is Unauthorized
 * (41).
 */
final class Permissions {

	private static final int GLOBAL_FLAGS = 10;

	/** No rights at all (a user created without permissions). */
	static final Permissions NONE = new Permissions(new boolean[GLOBAL_FLAGS], Map.of());

	private static final int STREAM_FLAGS = 6;

	private static final int TOPIC_FLAGS = 4;

	// global: manage_servers, read_servers, manage_users, read_users, manage_streams,
	// read_streams, manage_topics, read_topics, poll_messages, send_messages
	private static final int MANAGE_SERVERS = 0;

	private static final int READ_SERVERS = 1;

	private static final int MANAGE_USERS = 2;

	private static final int READ_USERS = 3;

	private static final int MANAGE_STREAMS = 4;

	private static final int READ_STREAMS = 5;

	private static final int MANAGE_TOPICS = 6;

	private static final int READ_TOPICS = 7;

	private static final int POLL = 8;

	private static final int SEND = 9;

	// stream: manage_stream, read_stream, manage_topics, read_topics, poll, send
	private static final int S_MANAGE_STREAM = 0;

	private static final int S_READ_STREAM = 1;

	private static final int S_MANAGE_TOPICS = 2;

	private static final int S_READ_TOPICS = 3;

	private static final int S_POLL = 4;

	private static final int S_SEND = 5;

	// topic: manage_topic, read_topic, poll, send
	private static final int T_MANAGE = 0;

	private static final int T_READ = 1;

	private static final int T_POLL = 2;

	private static final int T_SEND = 3;

	private final boolean[] global;

	private final Map<Long, StreamRights> streams;

	private Permissions(boolean[] global, Map<Long, StreamRights> streams) {
		this.global = global;
		this.streams = streams;
	}

	/** The root user's permissions: every global flag, no stream entries. */
	static Permissions root() {
		boolean[] all = new boolean[GLOBAL_FLAGS];
		java.util.Arrays.fill(all, true);
		return new Permissions(all, Map.of());
	}

	/** Reads the server's wire layout (the SDK's {@code toBytes(Permissions)}). */
	static Permissions read(WireReader in) {
		boolean[] global = flags(in, GLOBAL_FLAGS);
		Map<Long, StreamRights> streams = new LinkedHashMap<>();
		boolean more = in.u8() != 0;
		while (more) {
			long streamId = in.u32();
			boolean[] flags = flags(in, STREAM_FLAGS);
			Map<Long, boolean[]> topics = new LinkedHashMap<>();
			boolean moreTopics = in.u8() != 0;
			while (moreTopics) {
				long topicId = in.u32();
				topics.put(topicId, flags(in, TOPIC_FLAGS));
				moreTopics = in.u8() != 0;
			}
			streams.put(streamId, new StreamRights(flags, topics));
			more = in.u8() != 0;
		}
		return new Permissions(global, streams);
	}

	private static boolean[] flags(WireReader in, int count) {
		boolean[] flags = new boolean[count];
		for (int i = 0; i < count; i++) {
			flags[i] = in.u8() != 0;
		}
		return flags;
	}

	/**
	 * Writes the wire layout read by the SDK's {@code readPermissions} (after its
	 * length).
	 */
	byte[] toBytes() {
		WireWriter out = new WireWriter();
		writeFlags(out, this.global);
		if (this.streams.isEmpty()) {
			out.u8(0);
		}
		else {
			for (Map.Entry<Long, StreamRights> stream : this.streams.entrySet()) {
				out.u8(1).u32(stream.getKey());
				writeFlags(out, stream.getValue().flags);
				for (Map.Entry<Long, boolean[]> topic : stream.getValue().topics.entrySet()) {
					out.u8(1).u32(topic.getKey());
					writeFlags(out, topic.getValue());
				}
				out.u8(0);
			}
			out.u8(0);
		}
		return out.toByteArray();
	}

	private static void writeFlags(WireWriter out, boolean[] flags) {
		for (boolean flag : flags) {
			out.u8(flag ? 1 : 0);
		}
	}

	/** Forgets the rights on a deleted stream (the server clears them too). */
	Permissions withoutStream(long streamId) {
		if (!this.streams.containsKey(streamId)) {
			return this;
		}
		Map<Long, StreamRights> streams = new LinkedHashMap<>(this.streams);
		streams.remove(streamId);
		return new Permissions(this.global, streams);
	}

	private boolean global(int... flags) {
		for (int flag : flags) {
			if (this.global[flag]) {
				return true;
			}
		}
		return false;
	}

	private boolean stream(long streamId, int... flags) {
		StreamRights rights = this.streams.get(streamId);
		if (rights != null) {
			for (int flag : flags) {
				if (rights.flags[flag]) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean topic(long streamId, long topicId, int... flags) {
		StreamRights rights = this.streams.get(streamId);
		boolean @Nullable [] topic = (rights != null) ? rights.topics.get(topicId) : null;
		if (topic != null) {
			for (int flag : flags) {
				if (topic[flag]) {
					return true;
				}
			}
		}
		return false;
	}

	boolean readServers() {
		return global(MANAGE_SERVERS, READ_SERVERS);
	}

	boolean manageUsers() {
		return global(MANAGE_USERS);
	}

	boolean readUsers() {
		return global(MANAGE_USERS, READ_USERS);
	}

	boolean readStreams() {
		return global(MANAGE_STREAMS, READ_STREAMS);
	}

	boolean createStream() {
		return global(MANAGE_STREAMS);
	}

	boolean readStream(long streamId) {
		return readStreams() || stream(streamId, S_MANAGE_STREAM, S_READ_STREAM);
	}

	boolean manageStream(long streamId) {
		return global(MANAGE_STREAMS) || stream(streamId, S_MANAGE_STREAM);
	}

	boolean readTopics(long streamId) {
		return global(READ_STREAMS, MANAGE_STREAMS, MANAGE_TOPICS, READ_TOPICS)
				|| stream(streamId, S_MANAGE_STREAM, S_READ_STREAM, S_MANAGE_TOPICS, S_READ_TOPICS);
	}

	/** Reading a topic; also what every consumer-group command needs. */
	boolean readTopic(long streamId, long topicId) {
		return readTopics(streamId) || topic(streamId, topicId, T_MANAGE, T_READ);
	}

	boolean createTopic(long streamId) {
		return global(MANAGE_STREAMS, MANAGE_TOPICS) || stream(streamId, S_MANAGE_STREAM, S_MANAGE_TOPICS);
	}

	/** Update, delete, purge, partitions and segments of a topic. */
	boolean manageTopic(long streamId, long topicId) {
		return createTopic(streamId) || topic(streamId, topicId, T_MANAGE);
	}

	/** Polling; also what the consumer-offset commands need. */
	boolean poll(long streamId, long topicId) {
		return global(POLL, READ_TOPICS, MANAGE_TOPICS, READ_STREAMS, MANAGE_STREAMS)
				|| stream(streamId, S_POLL, S_MANAGE_STREAM, S_READ_STREAM, S_MANAGE_TOPICS, S_READ_TOPICS)
				|| topic(streamId, topicId, T_MANAGE, T_READ, T_POLL);
	}

	/** Sending; also what FLUSH_UNSAVED_BUFFER needs. */
	boolean send(long streamId, long topicId) {
		return global(SEND, MANAGE_STREAMS, MANAGE_TOPICS) || stream(streamId, S_SEND, S_MANAGE_STREAM, S_MANAGE_TOPICS)
				|| topic(streamId, topicId, T_MANAGE, T_SEND);
	}

	/** Throws Unauthorized (41) unless the check passed. */
	static void require(boolean allowed) {
		if (!allowed) {
			throw new IggyErrorException(IggyErrors.UNAUTHORIZED);
		}
	}

	private record StreamRights(boolean[] flags, Map<Long, boolean[]> topics) {
	}

}
