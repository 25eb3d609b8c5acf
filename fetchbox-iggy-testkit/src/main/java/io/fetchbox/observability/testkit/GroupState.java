package io.fetchbox.observability.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A consumer group: members (one per joined connection) and the group's offsets. */
final class GroupState {

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
