package io.fetchbox.observability.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fetchbox.observability.testkit.ClosedPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@link ObservedTestApplication} JVM shared by the test classes that assert on its
 * stdout and HTTP behaviour (started on first use, stopped when the test JVM exits). OTLP
 * export is off but its endpoint points at a socket that counts connection attempts.
 */
public final class SharedObservedApp {

	/** Strict JSON: duplicate keys and trailing content fail. */
	public static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final ClosedPort NO_BROKER = ClosedPort.reserve();

	private static SharedObservedApp instance;

	private final ForkedApplication application;

	private final int port;

	private final ServerSocket exportSink;

	private final AtomicInteger exportConnections = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SharedObservedApp() throws IOException {
		this.exportSink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptExports, "otlp-sink");
		acceptor.setDaemon(true);
		acceptor.start();
		this.application = ForkedApplication.start(ObservedTestApplication.class, "--server.port=0",
				"--spring.application.name=log-test", "--fetchbox.telemetry.environment=test",
				"--fetchbox.telemetry.version=9.9.9", "--fetchbox.telemetry.logging.max-message-size=1KB",
				"--fetchbox.telemetry.otlp.sampling-probability=1.0",
				"--fetchbox.telemetry.otlp.endpoint=http://127.0.0.1:" + this.exportSink.getLocalPort() + "/v1/traces",
				"--server.max-http-request-header-size=64KB",
				// No broker: a port where nothing listens (never the default
				// 127.0.0.1:8090,
				// where another process may run one), and no wait for it at shutdown.
				"--fetchbox.telemetry.iggy.address=" + NO_BROKER.address(),
				"--fetchbox.telemetry.joblog.shutdown-grace-period=0s");
		this.port = this.application.awaitPort();
		Runtime.getRuntime().addShutdownHook(new Thread(this.application::close));
	}

	/**
	 * Return the shared application, starting it on first use.
	 * @return the running application
	 */
	public static synchronized SharedObservedApp get() {
		if (instance == null) {
			try {
				instance = new SharedObservedApp();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	private void acceptExports() {
		while (!this.exportSink.isClosed()) {
			try (Socket socket = this.exportSink.accept()) {
				this.exportConnections.incrementAndGet();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	public int exportConnections() {
		return this.exportConnections.get();
	}

	public int port() {
		return this.port;
	}

	public List<String> stdout() {
		return this.application.stdout();
	}

	/**
	 * Send a GET request.
	 * @param path the path
	 * @param headers request headers (name, value pairs)
	 * @return the response
	 */
	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
	}

	public HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send a raw HTTP/1.1 request (for header values no HTTP client would send).
	 * @param rawRequest the request bytes, including the blank line
	 * @return the raw response text (ISO-8859-1 decoded)
	 */
	public String raw(byte[] rawRequest) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(rawRequest);
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parse every stdout line as one JSON object.
	 * @return the parsed lines
	 */
	public List<JsonNode> jsonLines() {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : stdout()) {
			JsonNode node = JSON.readTree(line);
			assertThat(node.isObject()).as("stdout line is a JSON object: %s", line).isTrue();
			lines.add(node);
		}
		return lines;
	}

	/**
	 * Wait for one JSON line matching the predicate and return it.
	 * @param description what is awaited
	 * @param predicate the condition
	 * @return the first matching line
	 */
	public JsonNode awaitLine(String description, Predicate<JsonNode> predicate) {
		JsonNode[] found = new JsonNode[1];
		await(description).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			for (JsonNode line : jsonLines()) {
				if (predicate.test(line)) {
					found[0] = line;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	/**
	 * Predicate: a line whose string field equals the value.
	 * @param field the field
	 * @param value the value
	 * @return the predicate
	 */
	public static Predicate<JsonNode> field(String field, String value) {
		return (line) -> line.has(field) && value.equals(line.get(field).asString());
	}

	public static Map<String, String> headersOf(HttpResponse<?> response) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
		return headers;
	}

}
