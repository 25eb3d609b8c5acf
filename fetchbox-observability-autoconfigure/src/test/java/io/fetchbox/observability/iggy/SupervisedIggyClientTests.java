package io.fetchbox.observability.iggy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.iggy.IggyConnectionState.Status;
import io.fetchbox.observability.testkit.ClosedPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisedIggyClient} against unreachable and silent servers (the
 * testkit covers a working broker).
 */
class SupervisedIggyClientTests {

	private static final String SECRET = "s3cr3t-pa55";

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		// clients before the ports they use
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	@Test
	void brokerDownDoesNotFailConstructionAndCallsFailFast() throws Exception {
		int port = closedPort();
		List<Integer> attempts = new CopyOnWriteArrayList<>();
		SupervisedIggyClient client = client(port);
		client.addListener(new IggyClientListener() {
			@Override
			public void reconnectScheduled(int attempt, Duration delay) {
				attempts.add(attempt);
			}
		});
		client.start();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(client.state().status()).isEqualTo(Status.DOWN);
			assertThat(attempts).contains(1, 2);
		});
		CompletableFuture<String> call = client.call("ping", (sdk) -> sdk.system().ping());
		assertThat(call).failsWithin(Duration.ofSeconds(1))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IggyUnavailableException.class)
			.withMessageContaining("127.0.0.1:" + port)
			.withMessageNotContaining(SECRET);
		assertThat(client.state().lastError()).isNotNull().doesNotContain(SECRET);
		assertThat(client.whenUp()).isNotDone();
	}

	@Test
	void silentServerIsBoundedByRequestTimeout() throws Exception {
		try (SilentServer server = new SilentServer()) {
			SupervisedIggyClient client = client(server.port());
			client.start();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(client.state().status()).isEqualTo(Status.DOWN);
				assertThat(client.state().lastError()).contains("Timeout");
			});
			assertThat(server.connections()).isGreaterThanOrEqualTo(1);
			assertThat(client.state().lastError()).doesNotContain(SECRET);
		}
	}

	@Test
	void settingsNeverShowSecrets() {
		IggyClientSettings settings = IggyClientSettings.builder()
			.credentials("svc", SECRET)
			.personalAccessToken("tok-" + SECRET)
			.build();
		assertThat(settings.toString()).doesNotContain(SECRET).contains("127.0.0.1:8090");
		assertThat(settings.usesPersonalAccessToken()).isTrue();
	}

	@Test
	void dedicatedClientHasSinglePooledConnection() throws Exception {
		SupervisedIggyClient main = client(closedPort());
		SupervisedIggyClient dedicated = main.dedicated("workers");
		this.closeables.add(dedicated);
		assertThat(dedicated.settings().connectionPoolSize()).isEqualTo(1);
		assertThat(dedicated.topology()).isNull();
	}

	@Test
	void dedicatedClientsWaitUntilTheMainClientIsUp() throws Exception {
		try (SilentServer server = new SilentServer()) {
			SupervisedIggyClient main = client(server.port());
			SupervisedIggyClient before = main.dedicated("workers");
			this.closeables.add(before);
			main.start();
			SupervisedIggyClient after = main.dedicated("tailer");
			this.closeables.add(after);
			// the main client's attempts time out against the silent broker
			await().atMost(Duration.ofSeconds(30)).until(() -> server.connections() >= 2);
			assertThat(main.state().status()).isNotEqualTo(Status.UP);
			for (SupervisedIggyClient dedicated : List.of(before, after)) {
				assertThat(dedicated.isStarted()).isFalse();
				assertThat(dedicated.state().status()).isEqualTo(Status.CONNECTING);
				assertThat(dedicated.call("ping", (sdk) -> sdk.system().ping())).failsWithin(Duration.ofSeconds(5))
					.withThrowableThat()
					.havingRootCause()
					.isInstanceOf(IggyUnavailableException.class);
			}
		}
	}

	@Test
	void backoffIsCappedAndJittered() {
		IggyBackoff backoff = new IggyBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2);
		assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
		assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480));
		assertThat(backoff.delay(30)).isLessThanOrEqualTo(Duration.ofSeconds(1))
			.isGreaterThanOrEqualTo(Duration.ofMillis(800));
	}

	@Test
	void addressParsing() {
		assertThat(IggyAddress.parse("iggy.internal:8090")).isEqualTo(new IggyAddress("iggy.internal", 8090));
		assertThat(IggyAddress.parse("[::1]:8090").host()).isEqualTo("::1");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> IggyAddress.parse("nohost"));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> IggyAddress.parse("host:99999"));
	}

	private SupervisedIggyClient client(int port) {
		IggyClientSettings settings = IggyClientSettings.builder()
			.host("127.0.0.1")
			.port(port)
			.credentials("svc", SECRET)
			.requestTimeout(Duration.ofMillis(300))
			.connectTimeout(Duration.ofMillis(300))
			.backoff(new IggyBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.1))
			.build();
		SupervisedIggyClient client = new SupervisedIggyClient("test", settings);
		this.closeables.add(client);
		return client;
	}

	/** A port on which nothing listens, held until the test ends. */
	private int closedPort() {
		ClosedPort closed = ClosedPort.reserve();
		this.closeables.add(closed);
		return closed.port();
	}

	/** Accepts connections and reads requests, never answers: a hung broker. */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::acceptLoop, "silent-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.accepted.size();
		}

		private void acceptLoop() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.accepted.add(connection);
					Thread reader = new Thread(() -> drain(connection), "silent-reader");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private static void drain(Socket connection) {
			try (InputStream in = connection.getInputStream()) {
				byte[] buffer = new byte[4096];
				while (in.read(buffer) >= 0) {
					// swallow
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			for (Socket connection : this.accepted) {
				connection.close();
			}
			this.acceptor.join(TimeUnit.SECONDS.toMillis(1));
		}

	}

}
