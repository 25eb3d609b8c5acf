package io.fetchbox.observability.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link IggyTestkit}: {@code IggyTestkit.builder().port(0).start()}.
 *
 * @since 0.1.0
 */
public final class IggyTestkitBuilder {

	String host = "127.0.0.1";

	int port;

	String username = IggyTestkit.DEFAULT_USERNAME;

	String password = IggyTestkit.DEFAULT_PASSWORD;

	int maxMessagesPerPartition = 100_000;

	long maxBytesPerPartition = 256L * 1024 * 1024;

	long segmentSize = 1024L * 1024 * 1024;

	@Nullable Path dataDir;

	final Map<String, String> tokens = new LinkedHashMap<>();

	IggyTestkitBuilder() {
	}

	/**
	 * The address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for all).
	 * @param host the bind address
	 * @return this builder
	 */
	public IggyTestkitBuilder host(String host) {
		this.host = Objects.requireNonNull(host, "host must not be null");
		return this;
	}

	/**
	 * The port, 0 (the default) for an ephemeral one.
	 * @param port the port
	 * @return this builder
	 */
	public IggyTestkitBuilder port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535");
		}
		this.port = port;
		return this;
	}

	/**
	 * The root user's credentials (default {@code iggy}/{@code iggy}).
	 * @param username the username (3..50 bytes)
	 * @param password the password (3..100 bytes)
	 * @return this builder
	 */
	public IggyTestkitBuilder credentials(String username, String password) {
		this.username = Objects.requireNonNull(username, "username must not be null");
		this.password = Objects.requireNonNull(password, "password must not be null");
		return this;
	}

	/**
	 * Adds a personal access token accepted by LOGIN_WITH_PERSONAL_ACCESS_TOKEN.
	 * @param token the raw token
	 * @return this builder
	 */
	public IggyTestkitBuilder personalAccessToken(String token) {
		Objects.requireNonNull(token, "token must not be null");
		this.tokens.put(token, "testkit-" + (this.tokens.size() + 1));
		return this;
	}

	/**
	 * The retention bound: each partition keeps at most this many messages, the oldest
	 * are evicted (default 100,000).
	 * @param maxMessages the bound, at least 1
	 * @return this builder
	 */
	public IggyTestkitBuilder maxMessagesPerPartition(int maxMessages) {
		if (maxMessages < 1) {
			throw new IllegalArgumentException("maxMessagesPerPartition must be at least 1");
		}
		this.maxMessagesPerPartition = maxMessages;
		return this;
	}

	/**
	 * The memory bound: each partition keeps at most this many bytes of messages (frames
	 * including their 64-byte headers), the oldest are evicted; the newest message is
	 * always kept (default 256 MiB).
	 * @param maxBytes the bound, at least 1
	 * @return this builder
	 */
	public IggyTestkitBuilder maxBytesPerPartition(long maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytesPerPartition must be at least 1");
		}
		this.maxBytesPerPartition = maxBytes;
		return this;
	}

	/**
	 * The segment size: a partition's segment is sealed once it holds this many bytes of
	 * frames, and DELETE_SEGMENTS deletes only sealed segments (default 1 GiB, the
	 * server's default). A small size lets tests exercise segment deletion.
	 * @param bytes the size, at least 1
	 * @return this builder
	 */
	public IggyTestkitBuilder segmentSize(long bytes) {
		if (bytes < 1) {
			throw new IllegalArgumentException("segmentSize must be at least 1");
		}
		this.segmentSize = bytes;
		return this;
	}

	/**
	 * Keeps the data in this directory so that it survives a restart of the process
	 * (default: memory only).
	 * @param dataDir the directory, created if missing
	 * @return this builder
	 */
	public IggyTestkitBuilder dataDir(@Nullable Path dataDir) {
		this.dataDir = dataDir;
		return this;
	}

	/**
	 * Builds the server without starting it.
	 * @return the server
	 */
	public IggyTestkit build() {
		return new IggyTestkit(this);
	}

	/**
	 * Builds and starts the server.
	 * @return the running server
	 */
	public IggyTestkit start() {
		return build().start();
	}

}
