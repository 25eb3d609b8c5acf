package io.fetchbox.observability.testkit;

import java.util.List;

/**
 * The system family: PING, GET_STATS, GET_SNAPSHOT_FILE, GET_CLUSTER_METADATA, GET_ME,
 * GET_CLIENT and GET_CLIENTS.
 */
final class SystemCommands {

	private static final int TRANSPORT_TCP = 1;

	private final Broker broker;

	SystemCommands(Broker broker) {
		this.broker = broker;
	}

	byte[] ping(Session session, WireReader in) {
		return new byte[0];
	}

	byte[] stats(Session session, WireReader in) {
		Permissions.require(this.broker.permissions(session).readServers());
		int topics = 0;
		int partitions = 0;
		int segments = 0;
		int groups = 0;
		long messages = 0;
		long bytes = 0;
		for (StreamState stream : this.broker.streams.values()) {
			for (TopicState topic : stream.topics.values()) {
				topics++;
				partitions += topic.partitions.size();
				for (PartitionLog partition : topic.partitions) {
					segments += partition.segmentsCount();
				}
				groups += topic.groups.count();
				messages += topic.messagesCount();
				bytes += topic.sizeBytes();
			}
		}
		Runtime rt = Runtime.getRuntime();
		long now = Broker.nowMicros();
		WireWriter out = new WireWriter(256);
		out.u32(ProcessHandle.current().pid() & 0xFFFFFFFFL)
			.f32(0f)
			.f32(0f)
			.u64(rt.totalMemory() - rt.freeMemory())
			.u64(rt.maxMemory())
			.u64(rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()))
			.u64((now - this.broker.startedAtMicros) / 1_000_000L)
			.u64(this.broker.startedAtMicros)
			.u64(0)
			.u64(0)
			.u64(bytes)
			.u32(this.broker.streams.count())
			.u32(topics)
			.u32(partitions)
			.u32(segments)
			.u64(messages)
			.u32(this.broker.sessionCount())
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

	/**
	 * Request {@code u8 compression, u8 count, count × u8 type}; response: a zip archive.
	 * Only authentication is needed (the server checks no permission here).
	 */
	byte[] snapshot(Session session, WireReader in) {
		int compression = in.u8();
		int count = in.u8();
		int[] types = new int[count];
		for (int i = 0; i < count; i++) {
			types[i] = in.u8();
		}
		return new SnapshotArchive(this.broker).build(compression, types);
	}

	/**
	 * A single node, as the server reports itself with clustering off: cluster
	 * {@code single-node}, node {@code iggy-node}, the TCP address, leader and healthy.
	 * The testkit serves no QUIC, HTTP or WebSocket, so those ports are 0.
	 */
	byte[] clusterMetadata(Session session, WireReader in) {
		WireWriter out = new WireWriter();
		out.string32("single-node").u32(1);
		out.string32("iggy-node").string32(this.broker.host);
		int tcpPort = this.broker.port;
		out.u8(tcpPort & 0xFF).u8(tcpPort >>> 8); // u16 tcp
		out.u8(0).u8(0).u8(0).u8(0).u8(0).u8(0); // u16 quic, http, websocket
		out.u8(0); // role: leader
		out.u8(0); // status: healthy
		return out.toByteArray();
	}

	byte[] me(Session session, WireReader in) {
		return details(session);
	}

	/** Request {@code u32 client_id}; a missing client is an empty success. */
	byte[] client(Session session, WireReader in) {
		Permissions.require(this.broker.permissions(session).readServers());
		long clientId = in.u32();
		if (clientId == 0) {
			throw new IggyErrorException(IggyErrors.INVALID_CLIENT_ID);
		}
		Session client = this.broker.session(clientId);
		return (client != null && client.listed()) ? details(client) : new byte[0];
	}

	/** ClientResponse records back to back (group counts, no group entries). */
	byte[] clients(Session session, WireReader in) {
		Permissions.require(this.broker.permissions(session).readServers());
		WireWriter out = new WireWriter();
		for (Session client : this.broker.sessions()) {
			if (client.listed()) {
				writeInfo(out, client, this.broker.groupsJoined(client.clientId()).size());
			}
		}
		return out.toByteArray();
	}

	private byte[] details(Session client) {
		List<long[]> joined = this.broker.groupsJoined(client.clientId());
		WireWriter out = new WireWriter();
		writeInfo(out, client, joined.size());
		for (long[] group : joined) {
			out.u32(group[0]).u32(group[1]).u32(group[2]);
		}
		return out.toByteArray();
	}

	private static void writeInfo(WireWriter out, Session client, int groups) {
		out.u32(client.clientId()).u32(client.userId()).u8(TRANSPORT_TCP).string32(client.address()).u32(groups);
	}

}
