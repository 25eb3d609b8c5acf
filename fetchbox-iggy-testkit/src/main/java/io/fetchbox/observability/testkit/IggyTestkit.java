package io.fetchbox.observability.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * An in-process server speaking Apache Iggy 0.8.0's TCP binary protocol to the official
 * Java SDK, with fault injection for tests. A test and local-demo component, never a
 * production broker.
 *
 * <pre class="code">
 * IggyTestkit server = IggyTestkit.builder().port(0).start();
 * IggyTcpClient client = IggyTcpClient.builder().host(server.host()).port(server.port())
 *     .credentials(server.username(), server.password()).buildAndLogin();
 * </pre>
 *
 * <p>
 * Semantics follow the real server 0.8.0: authentication and consumer-group membership
 * are per TCP connection, ids are 0-based, offsets per partition start at 0, timestamps
 * are microseconds, and missing entities on GET commands are an empty success.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class IggyTestkit implements AutoCloseable {

	/** Default root username of Iggy. */
	public static final String DEFAULT_USERNAME = "iggy";

	/** Default root password of Iggy. */
	public static final String DEFAULT_PASSWORD = "iggy";

	private static final Duration RESTART_BIND_PATIENCE = Duration.ofSeconds(3);

	private final String host;

	private final String username;

	private final String password;

	private final Broker broker;

	private final Faults faults = new Faults();

	private final CommandCounters counters = new CommandCounters();

	private final AtomicLong clientIds = new AtomicLong();

	private final @Nullable FileJournal fileJournal;

	private int port;

	private @Nullable TcpServer server;

	private boolean closed;

	private boolean everStarted;

	IggyTestkit(IggyTestkitBuilder builder) {
		this.host = builder.host;
		this.port = builder.port;
		this.username = builder.username;
		this.password = builder.password;
		this.broker = new Broker(builder.username, builder.password, builder.maxMessagesPerPartition,
				builder.maxBytesPerPartition, builder.segmentSize);
		this.broker.host = builder.host;
		builder.tokens.forEach(this.broker::addToken);
		this.fileJournal = (builder.dataDir != null) ? FileJournal.open(builder.dataDir, this.broker) : null;
	}

	/**
	 * A builder with the defaults: 127.0.0.1, an ephemeral port,
	 * {@code iggy}/{@code iggy}, 100,000 messages retained per partition, in memory.
	 * @return a new builder
	 */
	public static IggyTestkitBuilder builder() {
		return new IggyTestkitBuilder();
	}

	/**
	 * Starts the server, or starts it again after {@link #stop()} on the same port with
	 * the same data.
	 * @return this server
	 * @throws UncheckedIOException if the port cannot be bound
	 */
	public synchronized IggyTestkit start() {
		if (this.closed) {
			throw new IllegalStateException("The testkit is closed");
		}
		if (this.server == null) {
			this.server = listen();
			this.port = this.server.port();
			this.broker.port = this.port;
			this.everStarted = true;
		}
		return this;
	}

	private TcpServer listen() {
		// a restart binds the previous port again: allow a moment for it to be free
		long deadline = System.nanoTime() + (this.everStarted ? RESTART_BIND_PATIENCE.toNanos() : 0);
		while (true) {
			try {
				return new TcpServer(this.broker, this.faults, this.counters, this.clientIds, this.host, this.port);
			}
			catch (IOException ex) {
				if (System.nanoTime() >= deadline) {
					throw new UncheckedIOException("Cannot listen on " + this.host + ":" + this.port, ex);
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while binding " + this.host + ":" + this.port, ex);
			}
		}
	}

	/**
	 * Stops listening and abortively closes every connection, keeping all data; a later
	 * {@link #start()} listens on the same port again. In-flight SDK calls fail.
	 */
	public synchronized void stop() {
		TcpServer current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
		if (this.fileJournal != null) {
			this.fileJournal.flush();
		}
	}

	/**
	 * Stops the server for good and releases its files.
	 */
	@Override
	public synchronized void close() {
		stop();
		this.faults.clear();
		if (this.fileJournal != null) {
			this.fileJournal.close();
		}
		this.closed = true;
	}

	/**
	 * Whether the server is listening.
	 * @return whether it is running
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The address the server listens on.
	 * @return the host, e.g. {@code 127.0.0.1}
	 */
	public String host() {
		return this.host;
	}

	/**
	 * The port (the bound one when the builder asked for an ephemeral port).
	 * @return the port
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * The address as {@code host:port}.
	 * @return the address
	 */
	public String address() {
		return this.host + ":" + port();
	}

	/**
	 * The root username accepted by LOGIN_USER.
	 * @return the username
	 */
	public String username() {
		return this.username;
	}

	/**
	 * The root password accepted by LOGIN_USER.
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

	/**
	 * Keeps accepting connections and reading requests but answers nothing until
	 * {@link #resume()}: the stall that makes SDK 0.8.0 calls hang.
	 */
	public void pause() {
		this.faults.pause();
	}

	/**
	 * Ends a {@link #pause()}: the held requests are executed and answered in order.
	 */
	public void resume() {
		this.faults.resume();
	}

	/**
	 * Whether the server is paused.
	 * @return whether paused
	 */
	public boolean isPaused() {
		return this.faults.paused();
	}

	/**
	 * Abortively closes every open connection (TCP RST), like a network failure. Sessions
	 * end, so consumer groups rebalance; the server keeps listening. Returns once the
	 * sessions are gone.
	 */
	public void dropConnections() {
		TcpServer current;
		synchronized (this) {
			current = this.server;
		}
		if (current != null) {
			current.dropConnections();
		}
	}

	/**
	 * Answers the next {@code times} requests with the given command code with an error
	 * instead of executing them (requests of other codes are unaffected).
	 * @param commandCode the command code, see {@link IggyCommands}
	 * @param times how many requests fail
	 * @param errorCode the status to answer, see {@link IggyErrors}
	 */
	public void failNext(int commandCode, int times, int errorCode) {
		if (times < 0 || errorCode == 0) {
			throw new IllegalArgumentException("times must be >= 0 and errorCode non-zero");
		}
		this.faults.failNext(commandCode, times, errorCode);
	}

	/**
	 * Delays the answer to every request by this duration ({@link Duration#ZERO} to turn
	 * off).
	 * @param perCommand the added latency per request
	 */
	public void latency(Duration perCommand) {
		Objects.requireNonNull(perCommand, "perCommand must not be null");
		if (perCommand.isNegative()) {
			throw new IllegalArgumentException("perCommand must not be negative");
		}
		this.faults.latency(perCommand);
	}

	/**
	 * Clears every fault: resumes, forgets pending failures, removes latency.
	 */
	public void clearFaults() {
		this.faults.clear();
	}

	/**
	 * The messages currently retained in a topic, partition by partition, each in offset
	 * order.
	 * @param stream the stream name (or numeric id as a string)
	 * @param topic the topic name (or numeric id as a string)
	 * @return the messages, empty if the stream or topic does not exist
	 */
	public List<StoredMessage> messages(String stream, String topic) {
		return this.broker.messages(stream, topic);
	}

	/**
	 * Creates a stream and a topic (no compression, no expiry) unless they exist, for
	 * test set-up without a client.
	 * @param stream the stream name
	 * @param topic the topic name
	 * @param partitions the partition count for a new topic
	 */
	public void createTopic(String stream, String topic, int partitions) {
		if (partitions < 0 || partitions > 1000) {
			throw new IllegalArgumentException("partitions must be between 0 and 1000");
		}
		this.broker.ensureTopic(stream, topic, partitions);
	}

	/**
	 * Appends one message to a partition exactly as a SEND_MESSAGES would (offset,
	 * timestamp and id assigned by the server), for test set-up without a client.
	 * @param stream the stream name
	 * @param topic the topic name
	 * @param partitionId the partition (0-based)
	 * @param payload the payload
	 * @param headers string user headers
	 * @return the stored message
	 * @throws IllegalArgumentException if the stream, topic or partition does not exist
	 */
	public StoredMessage append(String stream, String topic, long partitionId, byte[] payload,
			Map<String, String> headers) {
		WireWriter userHeaders = new WireWriter();
		headers.forEach((key, value) -> {
			byte[] k = key.getBytes(StandardCharsets.UTF_8);
			byte[] v = value.getBytes(StandardCharsets.UTF_8);
			userHeaders.u8(2).u32(k.length).bytes(k).u8(2).u32(v.length).bytes(v);
		});
		WireWriter frame = new WireWriter(64 + payload.length + userHeaders.size());
		frame.u64(0).u64(0).u64(0).u64(0).u64(0).u64(0).u32(userHeaders.size()).u32(payload.length).u64(0);
		frame.bytes(payload).bytes(userHeaders.toByteArray());
		byte[] partition = new WireWriter(4).u32(partitionId).toByteArray();
		try {
			return this.broker
				.append(new SendRequest(Identifier.named(stream), Identifier.named(topic), 2, partition,
						List.of(frame.toByteArray())))
				.get(0);
		}
		catch (IggyErrorException ex) {
			throw new IllegalArgumentException(
					"Cannot append to " + stream + "/" + topic + "/" + partitionId + " (Iggy error " + ex.code() + ")");
		}
	}

	/**
	 * Deletes all streams (with their topics, messages, groups and offsets) so that the
	 * next test starts from an empty server; stream ids start from 0 again. Connections
	 * and their logins stay.
	 */
	public void reset() {
		this.broker.reset();
	}

	/**
	 * The number of open client connections.
	 * @return the connection count
	 */
	public synchronized int connectionCount() {
		return (this.server != null) ? this.server.connectionCount() : 0;
	}

	/**
	 * How many requests with this command code were received since the start (or the last
	 * {@link #resetCounters()}), including failed ones.
	 * @param commandCode the command code, see {@link IggyCommands}
	 * @return the count
	 */
	public long commandsReceived(int commandCode) {
		return this.counters.get(commandCode);
	}

	/**
	 * Resets the {@link #commandsReceived(int)} counters.
	 */
	public void resetCounters() {
		this.counters.reset();
	}

	/**
	 * The names of the streams and, for each, of its topics (for diagnostics).
	 * @return stream name to topic names, in id order
	 */
	public Map<String, List<String>> topology() {
		Map<String, List<String>> out = new LinkedHashMap<>();
		synchronized (this.broker) {
			for (StreamState stream : this.broker.streams.values()) {
				List<String> topics = new ArrayList<>();
				for (TopicState topic : stream.topics.values()) {
					topics.add(topic.name);
				}
				out.put(stream.name, topics);
			}
		}
		return out;
	}

	@Override
	public String toString() {
		return "IggyTestkit[" + address() + (isRunning() ? "" : ", stopped") + "]";
	}

}
