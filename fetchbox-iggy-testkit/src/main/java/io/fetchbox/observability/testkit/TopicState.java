package io.fetchbox.observability.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A topic: its partitions, consumer groups and plain consumers' offsets. */
final class TopicState {

	final int id;

	String name;

	final long createdAt;

	int compression;

	long expiry;

	long maxSize;

	int replication;

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
				.u32(partition.segmentsCount())
				.u64(partition.currentOffset())
				.u64(partition.sizeBytes())
				.u64(partition.retained());
		}
		return out.toByteArray();
	}

	@Nullable GroupState findGroup(Identifier id) {
		return this.groups.find(id, (group) -> group.name);
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
