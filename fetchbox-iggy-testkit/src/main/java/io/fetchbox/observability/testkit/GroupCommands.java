package io.fetchbox.observability.testkit;

/**
 * The consumer groups family. Every command needs the read-topic permission, as on the
 * server; membership belongs to the connection that joined.
 */
final class GroupCommands {

	private final Broker broker;

	GroupCommands(Broker broker) {
		this.broker = broker;
	}

	private TopicState readableTopic(Session session, Identifier streamId, Identifier topicId) {
		StreamState stream = this.broker.stream(streamId);
		TopicState topic = Broker.topic(stream, topicId);
		Permissions.require(this.broker.permissions(session).readTopic(stream.id, topic.id));
		return topic;
	}

	byte[] getGroup(Session session, WireReader in) {
		StreamState stream = this.broker.findStream(in.identifier());
		Identifier topicId = in.identifier();
		Identifier groupId = in.identifier();
		TopicState topic = (stream != null) ? Broker.findTopic(stream, topicId) : null;
		GroupState group = (topic != null) ? topic.findGroup(groupId) : null;
		if (group == null) {
			return new byte[0];
		}
		Permissions.require(this.broker.permissions(session).readTopic(stream.id, topic.id));
		WireWriter out = new WireWriter();
		group.writeHeader(out, topic.partitions.size());
		for (GroupState.Member member : group.members) {
			out.u32(member.memberId).u32(member.partitions.size());
			for (int p : member.partitions) {
				out.u32(p);
			}
		}
		return out.toByteArray();
	}

	byte[] getGroups(Session session, WireReader in) {
		StreamState stream = this.broker.findStream(in.identifier());
		Identifier topicId = in.identifier();
		TopicState topic = (stream != null) ? Broker.findTopic(stream, topicId) : null;
		WireWriter out = new WireWriter();
		if (topic != null) {
			Permissions.require(this.broker.permissions(session).readTopic(stream.id, topic.id));
			for (GroupState group : topic.groups.values()) {
				group.writeHeader(out, topic.partitions.size());
			}
		}
		return out.toByteArray();
	}

	byte[] createGroup(Session session, WireReader in) {
		TopicState topic = readableTopic(session, in.identifier(), in.identifier());
		String name = in.name();
		if (topic.findGroup(Identifier.named(name)) != null) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_NAME_ALREADY_EXISTS);
		}
		GroupState group = topic.groups.insert((id) -> new GroupState(id, name));
		this.broker.journal.changed();
		WireWriter out = new WireWriter();
		group.writeHeader(out, topic.partitions.size());
		return out.toByteArray();
	}

	byte[] deleteGroup(Session session, WireReader in) {
		TopicState topic = readableTopic(session, in.identifier(), in.identifier());
		GroupState group = topic.group(in.identifier());
		topic.groups.remove(group.id);
		this.broker.journal.changed();
		return new byte[0];
	}

	byte[] joinGroup(Session session, WireReader in) {
		TopicState topic = readableTopic(session, in.identifier(), in.identifier());
		GroupState group = topic.group(in.identifier());
		group.members.removeIf((m) -> !this.broker.connected(m.clientId));
		if (group.member(session.clientId()) == null) {
			int memberId = 0;
			for (GroupState.Member member : group.members) {
				memberId = Math.max(memberId, member.memberId + 1);
			}
			group.members.add(new GroupState.Member(memberId, session.clientId()));
		}
		group.rebalance(topic.partitions.size());
		return new byte[0];
	}

	byte[] leaveGroup(Session session, WireReader in) {
		TopicState topic = readableTopic(session, in.identifier(), in.identifier());
		GroupState group = topic.group(in.identifier());
		if (!group.members.removeIf((m) -> m.clientId == session.clientId())) {
			throw new IggyErrorException(IggyErrors.CONSUMER_GROUP_MEMBER_NOT_FOUND);
		}
		group.rebalance(topic.partitions.size());
		return new byte[0];
	}

}
