package io.fetchbox.observability.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.MessagesClient;
import org.apache.iggy.client.blocking.PersonalAccessTokensClient;
import org.apache.iggy.client.blocking.StreamsClient;
import org.apache.iggy.client.blocking.SystemClient;
import org.apache.iggy.client.blocking.TopicsClient;
import org.apache.iggy.client.blocking.UsersClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.apache.iggy.user.IdentityInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Iggy 0.8.0 contract tests share: the SDK clients (blocking and async, root,
 * anonymous and two dedicated group members), naming, and raw frames for what no SDK
 * method sends. Tests share one server, so each works in its own uniquely named stream
 * and asserts nothing about global ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class IggyContractFixture {

	protected static final BigInteger U64_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

	private static final AtomicInteger names = new AtomicInteger();

	/** Shared blocking client (pool of 5), logged in. */
	protected IggyTcpClient client;

	/** Shared async client (pool of 5), logged in. */
	protected AsyncIggyTcpClient async;

	/** Connected, never logged in. */
	protected IggyTcpClient anonymous;

	/** Dedicated group consumers: one connection each, as group membership requires. */
	protected IggyTcpClient memberA;

	protected IggyTcpClient memberB;

	/** Extra clients opened by tests (other users, token logins), closed after all. */
	private final List<Object> extraClients = new CopyOnWriteArrayList<>();

	protected abstract String host();

	protected abstract int port();

	@BeforeAll
	void connectClients() throws Exception {
		this.client = SdkSupport.awaitAuthenticated(
				IggyTcpClient.builder().host(host()).port(port()).credentials("iggy", "iggy").buildAndLogin());
		this.async = AsyncIggyTcpClient.builder().host(host()).port(port()).credentials("iggy", "iggy").build();
		this.async.connect().get(10, TimeUnit.SECONDS);
		SdkSupport.login(this.async);
		this.anonymous = IggyTcpClient.builder().host(host()).port(port()).build();
		this.anonymous.connect();
		this.memberA = groupClient();
		this.memberB = groupClient();
	}

	private IggyTcpClient groupClient() {
		return SdkSupport.awaitAuthenticated(IggyTcpClient.builder()
			.host(host())
			.port(port())
			.credentials("iggy", "iggy")
			.connectionPoolSize(1)
			.buildAndLogin());
	}

	@AfterAll
	void closeClients() {
		// each close blocks ~2 s (Netty graceful shutdown): close them all at once
		List<CompletableFuture<?>> closing = new ArrayList<>(List.of(this.async.close(), closeAsync(this.client),
				closeAsync(this.anonymous), closeAsync(this.memberA), closeAsync(this.memberB)));
		for (Object extra : this.extraClients) {
			if (extra instanceof IggyTcpClient blocking) {
				closing.add(closeAsync(blocking));
			}
			else if (extra instanceof AsyncIggyTcpClient asyncClient) {
				closing.add(asyncClient.close());
			}
			else {
				closing.add(((SdkTransport) extra).closeAsync());
			}
		}
		CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
	}

	/** Which SDK client a test drives: every command is exercised through both. */
	enum Sdk {

		BLOCKING, ASYNC

	}

	/**
	 * The SDK's client families, the async client's seen through the blocking interfaces.
	 */
	record Api(SystemClient system, UsersClient users, StreamsClient streams, TopicsClient topics,
			PersonalAccessTokensClient tokens, MessagesClient messages) {

		static Api of(IggyTcpClient client) {
			return new Api(client.system(), client.users(), client.streams(), client.topics(),
					client.personalAccessTokens(), client.messages());
		}

		static Api of(AsyncIggyTcpClient client) {
			return new Api(SdkSupport.blockingView(SystemClient.class, client.system()),
					SdkSupport.blockingView(UsersClient.class, client.users()),
					SdkSupport.blockingView(StreamsClient.class, client.streams()),
					SdkSupport.blockingView(TopicsClient.class, client.topics()),
					SdkSupport.blockingView(PersonalAccessTokensClient.class, client.personalAccessTokens()),
					SdkSupport.blockingView(MessagesClient.class, client.messages()));
		}

	}

	/** The shared root clients. */
	protected Api api(Sdk sdk) {
		return (sdk == Sdk.BLOCKING) ? Api.of(this.client) : Api.of(this.async);
	}

	/** A new client of that kind logged in as this user. */
	protected Api loginAs(Sdk sdk, String username, String password) throws Exception {
		if (sdk == Sdk.BLOCKING) {
			IggyTcpClient blocking = IggyTcpClient.builder()
				.host(host())
				.port(port())
				.credentials(username, password)
				.buildAndLogin();
			this.extraClients.add(blocking);
			return Api.of(SdkSupport.awaitAuthenticated(blocking));
		}
		AsyncIggyTcpClient client = AsyncIggyTcpClient.builder()
			.host(host())
			.port(port())
			.credentials(username, password)
			.build();
		client.connect().get(10, TimeUnit.SECONDS);
		this.extraClients.add(client);
		SdkSupport.login(client);
		return Api.of(client);
	}

	/**
	 * A new client of that kind, connected and logged in with a personal access token.
	 */
	protected Api loginWithToken(Sdk sdk, String token) throws Exception {
		Api api;
		if (sdk == Sdk.BLOCKING) {
			IggyTcpClient blocking = IggyTcpClient.builder().host(host()).port(port()).build();
			this.extraClients.add(blocking);
			blocking.connect();
			api = Api.of(blocking);
		}
		else {
			AsyncIggyTcpClient client = AsyncIggyTcpClient.builder().host(host()).port(port()).build();
			this.extraClients.add(client);
			client.connect().get(10, TimeUnit.SECONDS);
			api = Api.of(client);
		}
		IdentityInfo identity = api.tokens().loginWithPersonalAccessToken(token);
		assertThat(identity).isNotNull();
		SdkSupport.awaitAuthenticated(() -> api.system().getMe());
		return api;
	}

	/** The SDK's transport logged in as root, for codes no SDK method sends. */
	protected SdkTransport transport() throws Exception {
		SdkTransport transport = SdkTransport.login(host(), port(), "iggy", "iggy");
		this.extraClients.add(transport);
		return transport;
	}

	private static CompletableFuture<Void> closeAsync(IggyTcpClient client) {
		return CompletableFuture.runAsync(() -> {
			try {
				client.close();
			}
			catch (RuntimeException ex) {
				// already closed
			}
		});
	}

	protected static String unique(String prefix) {
		return prefix + "-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet();
	}

	protected String newStream() {
		String name = unique("s");
		this.client.streams().createStream(name);
		return name;
	}

	protected TopicDetails newTopic(String stream, long partitions) {
		return this.client.topics()
			.createTopic(StreamId.of(stream), partitions, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
					Optional.empty(), unique("t"));
	}

	protected static int rawCode(Throwable ex) {
		return ((IggyServerException) ex).getRawErrorCode();
	}

	protected PolledMessages poll(String stream, String topic, long partition, PollingStrategy strategy, long count) {
		return this.client.messages()
			.pollMessages(StreamId.of(stream), TopicId.of(topic), Optional.of(partition), Consumer.of(7L), strategy,
					count, false);
	}

	protected static List<String> payloads(PolledMessages polled) {
		return polled.messages().stream().map((m) -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
	}

	protected static List<Long> offsets(PolledMessages polled) {
		return polled.messages().stream().map((m) -> m.header().offset().longValueExact()).toList();
	}

	// ---- raw frames

	static byte[] nameBytes(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[bytes.length + 1];
		out[0] = (byte) bytes.length;
		System.arraycopy(bytes, 0, out, 1, bytes.length);
		return out;
	}

	record RawResponse(int status, byte[] payload) {
	}

	/** A bare TCP connection speaking Iggy frames, for what the SDK cannot send. */
	static final class RawConnection implements AutoCloseable {

		private final Socket socket;

		private final DataInputStream in;

		private final OutputStream out;

		RawConnection(String host, int port) throws IOException {
			this.socket = new Socket(host, port);
			this.socket.setSoTimeout(10_000);
			this.in = new DataInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}

		RawResponse request(int code, byte[] payload) throws IOException {
			ByteBuffer frame = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
			frame.putInt(4 + payload.length).putInt(code).put(payload);
			this.out.write(frame.array());
			this.out.flush();
			byte[] header = new byte[8];
			this.in.readFully(header);
			ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
			int status = h.getInt();
			byte[] body = new byte[h.getInt()];
			this.in.readFully(body);
			return new RawResponse(status, body);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
