package io.fetchbox.observability.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * File-backed mode: one append-only file of raw message frames per partition plus a
 * snapshot of everything else (streams, topics, groups, offsets, tokens), rewritten
 * atomically on every metadata change and at most once a second for offset commits. Kept
 * simple on purpose: a demo keeps its data across a restart of the process, nothing more
 * (no fsync per message, files grow until the next start compacts them to what retention
 * keeps).
 */
final class FileJournal implements Journal {

	private static final int MAGIC = 0x4B544749; // "IGTK"

	private static final int VERSION = 2;

	/** The first format: root-owned tokens, no users, no first offsets. */
	private static final int VERSION_1 = 1;

	private static final String SNAPSHOT = "testkit.snapshot";

	private final Path dir;

	private final Path partitionsDir;

	private final Broker broker;

	private final Map<Long, OutputStream> logs = new HashMap<>();

	private final ScheduledExecutorService flusher;

	private boolean offsetsDirty;

	private boolean closed;

	private FileJournal(Path dir, Broker broker) {
		this.dir = dir;
		this.partitionsDir = dir.resolve("partitions");
		this.broker = broker;
		this.flusher = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "iggy-testkit-journal");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Loads what the directory holds into the broker and journals its changes from now
	 * on.
	 * @param dir the data directory (created if missing)
	 * @param broker the empty broker
	 * @return the journal
	 */
	static FileJournal open(Path dir, Broker broker) {
		FileJournal journal = new FileJournal(dir, broker);
		try {
			Files.createDirectories(journal.partitionsDir);
			synchronized (broker) {
				journal.load();
				broker.journal(journal);
				journal.writeSnapshot();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the testkit data directory " + dir, ex);
		}
		journal.flusher.scheduleWithFixedDelay(journal::flushOffsets, 1, 1, TimeUnit.SECONDS);
		return journal;
	}

	@Override
	public void appended(PartitionLog partition, List<byte[]> frames) {
		if (this.closed) {
			return;
		}
		try {
			OutputStream out = this.logs.get(partition.uid());
			if (out == null) {
				out = new BufferedOutputStream(Files.newOutputStream(logFile(partition.uid()),
						StandardOpenOption.CREATE, StandardOpenOption.APPEND), 65536);
				this.logs.put(partition.uid(), out);
			}
			for (byte[] frame : frames) {
				out.write(frame);
			}
			// reach the OS at once: the data then survives the process being killed
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to partition file", ex);
		}
	}

	@Override
	public void changed() {
		if (!this.closed) {
			writeSnapshot();
		}
	}

	@Override
	public void offsetsChanged() {
		this.offsetsDirty = true;
	}

	private void flushOffsets() {
		synchronized (this.broker) {
			if (this.offsetsDirty && !this.closed) {
				writeSnapshot();
			}
		}
	}

	/** Writes everything pending (called on stop). */
	void flush() {
		synchronized (this.broker) {
			if (!this.closed) {
				writeSnapshot();
			}
		}
	}

	void close() {
		synchronized (this.broker) {
			if (this.closed) {
				return;
			}
			writeSnapshot();
			this.closed = true;
			for (OutputStream out : this.logs.values()) {
				try {
					out.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			this.logs.clear();
			this.broker.journal(Journal.NONE);
		}
		this.flusher.shutdownNow();
	}

	private Path logFile(long uid) {
		return this.partitionsDir.resolve(uid + ".log");
	}

	// ---- snapshot

	private void writeSnapshot() {
		this.offsetsDirty = false;
		WireWriter out = new WireWriter(4096);
		out.u32(MAGIC).u32(VERSION).u64(this.broker.nextPartitionUid);
		List<UserState> users = this.broker.users.values();
		out.u32(users.size());
		for (UserState user : users) {
			out.u32(user.id).u64(user.createdAt).u8(user.status).string32(user.username).string32(user.password);
			byte[] permissions = (user.permissions != null) ? user.permissions.toBytes() : new byte[0];
			out.u8((user.permissions != null) ? 1 : 0).u32(permissions.length).bytes(permissions);
		}
		out.u32(this.broker.tokens.size());
		this.broker.tokens.forEach((token, state) -> out.string32(token).string32(state.name()).u32(state.userId()));
		List<StreamState> streams = this.broker.streams.values();
		Set<Long> live = new HashSet<>();
		out.u32(streams.size());
		for (StreamState stream : streams) {
			out.u32(stream.id).u64(stream.createdAt).string32(stream.name);
			List<TopicState> topics = stream.topics.values();
			out.u32(topics.size());
			for (TopicState topic : topics) {
				out.u32(topic.id)
					.u64(topic.createdAt)
					.string32(topic.name)
					.u8(topic.compression)
					.u64(topic.expiry)
					.u64(topic.maxSize)
					.u8(topic.replication)
					.u32(topic.balancedCounter);
				out.u32(topic.partitions.size());
				for (PartitionLog partition : topic.partitions) {
					live.add(partition.uid());
					out.u64(partition.uid())
						.u64(partition.createdAt())
						.u64(partition.nextOffset())
						.u64(partition.firstOffset());
				}
				out.u32(topic.consumerOffsets.size());
				topic.consumerOffsets.forEach((key, offsets) -> {
					out.u64(key);
					writeOffsets(out, offsets);
				});
				List<GroupState> groups = topic.groups.values();
				out.u32(groups.size());
				for (GroupState group : groups) {
					out.u32(group.id).string32(group.name);
					writeOffsets(out, group.offsets);
				}
			}
		}
		try {
			Path tmp = this.dir.resolve(SNAPSHOT + ".tmp");
			try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				channel.write(java.nio.ByteBuffer.wrap(out.toByteArray()));
				channel.force(true);
			}
			try {
				Files.move(tmp, this.dir.resolve(SNAPSHOT), StandardCopyOption.REPLACE_EXISTING,
						StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, this.dir.resolve(SNAPSHOT), StandardCopyOption.REPLACE_EXISTING);
			}
			deleteDeadLogs(live);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the testkit snapshot", ex);
		}
	}

	private static void writeOffsets(WireWriter out, Map<Integer, Long> offsets) {
		out.u32(offsets.size());
		offsets.forEach((partition, offset) -> out.u32(partition).u64(offset));
	}

	/** Removes the files of deleted partitions, topics and streams. */
	private void deleteDeadLogs(Set<Long> live) throws IOException {
		for (Long uid : new ArrayList<>(this.logs.keySet())) {
			if (!live.contains(uid)) {
				this.logs.remove(uid).close();
			}
		}
		try (Stream<Path> files = Files.list(this.partitionsDir)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".log")) {
					try {
						if (!live.contains(Long.parseLong(name.substring(0, name.length() - 4)))) {
							Files.deleteIfExists(file);
						}
					}
					catch (NumberFormatException ex) {
						// not ours
					}
				}
			}
		}
	}

	// ---- loading

	private void load() throws IOException {
		Path snapshot = this.dir.resolve(SNAPSHOT);
		if (!Files.exists(snapshot)) {
			return;
		}
		WireReader in = new WireReader(Files.readAllBytes(snapshot));
		int version = (in.u32() == MAGIC) ? (int) in.u32() : -1;
		if (version != VERSION && version != VERSION_1) {
			throw new IOException("Not a testkit snapshot (or another version): " + snapshot);
		}
		long nextUid = in.u64();
		if (version != VERSION_1) {
			loadUsers(in);
		}
		long tokens = in.u32();
		for (int i = 0; i < tokens; i++) {
			String token = in.string32();
			String name = in.string32();
			int userId = (version != VERSION_1) ? (int) in.u32() : Broker.ROOT_USER_ID;
			this.broker.tokens.put(token, new TokenState(userId, name));
		}
		long streams = in.u32();
		for (int s = 0; s < streams; s++) {
			int streamId = (int) in.u32();
			long streamCreatedAt = in.u64();
			StreamState stream = new StreamState(streamId, in.string32(), streamCreatedAt);
			this.broker.streams.restore(streamId, stream);
			long topics = in.u32();
			for (int t = 0; t < topics; t++) {
				int topicId = (int) in.u32();
				long createdAt = in.u64();
				String name = in.string32();
				TopicState topic = new TopicState(topicId, name, createdAt, in.u8(), in.u64(), in.u64(), in.u8());
				topic.balancedCounter = (int) in.u32();
				stream.topics.restore(topicId, topic);
				long partitions = in.u32();
				for (int p = 0; p < partitions; p++) {
					long uid = in.u64();
					long partitionCreatedAt = in.u64();
					long nextOffset = in.u64();
					long firstOffset = (version != VERSION_1) ? in.u64() : 0;
					PartitionLog partition = this.broker.newPartition(p, partitionCreatedAt, uid);
					loadLog(partition, nextOffset);
					// segments deleted before the restart stay deleted
					partition.dropBefore(firstOffset);
					topic.partitions.add(partition);
				}
				long consumers = in.u32();
				for (int c = 0; c < consumers; c++) {
					long key = in.u64();
					readOffsets(in, topic.consumerOffsets.computeIfAbsent(key, (k) -> new HashMap<>()));
				}
				long groups = in.u32();
				for (int g = 0; g < groups; g++) {
					int groupId = (int) in.u32();
					GroupState group = new GroupState(groupId, in.string32());
					readOffsets(in, group.offsets);
					topic.groups.restore(groupId, group);
				}
				topic.groups.rebuildFreeList();
			}
			stream.topics.rebuildFreeList();
		}
		this.broker.streams.rebuildFreeList();
		this.broker.nextPartitionUid = Math.max(this.broker.nextPartitionUid, nextUid);
	}

	/** Restores the persisted users; root keeps the configured credentials. */
	private void loadUsers(WireReader in) {
		long count = in.u32();
		for (int i = 0; i < count; i++) {
			int id = (int) in.u32();
			long createdAt = in.u64();
			int status = in.u8();
			String username = in.string32();
			String password = in.string32();
			boolean hasPermissions = in.u8() == 1;
			int length = (int) in.u32();
			WireReader permissions = new WireReader(in.bytes(length));
			if (id == Broker.ROOT_USER_ID) {
				continue;
			}
			this.broker.users.restore(id, new UserState(id, username, password, status, createdAt,
					hasPermissions ? Permissions.read(permissions) : null));
		}
		this.broker.users.rebuildFreeList();
	}

	private static void readOffsets(WireReader in, Map<Integer, Long> offsets) {
		long count = in.u32();
		for (int i = 0; i < count; i++) {
			offsets.put((int) in.u32(), in.u64());
		}
	}

	/**
	 * Reads a partition file back (a torn last frame is cut off) and rewrites it when
	 * retention dropped frames or the tail was torn.
	 */
	private void loadLog(PartitionLog partition, long snapshotNextOffset) throws IOException {
		Path file = logFile(partition.uid());
		if (!Files.exists(file)) {
			partition.startAt(snapshotNextOffset);
			return;
		}
		byte[] data = Files.readAllBytes(file);
		int position = 0;
		boolean first = true;
		int frames = 0;
		while (data.length - position >= PartitionLog.HEADER_SIZE) {
			long size = PartitionLog.HEADER_SIZE + WireWriter.getU32(data, position + 52)
					+ WireWriter.getU32(data, position + 48);
			if (position + size > data.length) {
				break;
			}
			byte[] frame = java.util.Arrays.copyOfRange(data, position, position + (int) size);
			if (first) {
				partition.startAt(WireWriter.getU64(frame, 24));
				first = false;
			}
			partition.append(frame, WireWriter.getU64(frame, 32));
			position += (int) size;
			frames++;
		}
		if (first) {
			partition.startAt(snapshotNextOffset);
		}
		if (position != data.length || partition.retained() < frames) {
			Path tmp = this.partitionsDir.resolve(partition.uid() + ".compact");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
				for (byte[] frame : partition.read(partition.firstOffset(), partition.retained())) {
					out.write(frame);
				}
			}
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
