package io.fetchbox.observability.testkit;

/** A stream: its topics and its header record (StreamHeader). */
final class StreamState {

	final int id;

	String name;

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
