package io.fetchbox.sample.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP origin with sample files for the demo and the end-to-end test, on the JDK's
 * own HTTP server (no Python or other tools needed):
 * <ul>
 * <li>{@code /files/NAME} a few KB of text;</li>
 * <li>{@code /slow/NAME?ms=N} the same after a delay;</li>
 * <li>{@code /flaky/NAME} 503 on the first request for a name, then 200;</li>
 * <li>anything else 404.</li>
 * </ul>
 * Run it with {@code java -jar sample-worker.jar --demo-origin [--port=8099]}.
 */
public final class DemoOrigin implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> flaky = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private DemoOrigin(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start an origin.
	 * @param host the address to bind
	 * @param port the port, 0 for an ephemeral one
	 * @return the running origin
	 * @throws IOException when the port cannot be bound
	 */
	public static DemoOrigin start(String host, int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
		DemoOrigin origin = new DemoOrigin(server);
		server.createContext("/", origin::handle);
		server.setExecutor(Executors.newFixedThreadPool(16, (runnable) -> {
			Thread thread = new Thread(runnable, "demo-origin");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
		return origin;
	}

	/**
	 * Return the bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the number of requests served.
	 * @return the request count
	 */
	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String[] parts = path.split("/", 3);
			if (parts.length < 3 || parts[2].isEmpty()) {
				send(exchange, 404, "not found\n");
				return;
			}
			String name = parts[2];
			switch (parts[1]) {
				case "files" -> send(exchange, 200, content(name));
				case "slow" -> {
					sleep(delay(exchange.getRequestURI().getQuery()));
					send(exchange, 200, content(name));
				}
				case "flaky" -> {
					boolean first = this.flaky.computeIfAbsent(name, (key) -> new AtomicInteger())
						.getAndIncrement() == 0;
					send(exchange, first ? 503 : 200, first ? "try again\n" : content(name));
				}
				default -> send(exchange, 404, "not found\n");
			}
		}
	}

	private static String content(String name) {
		return ("FetchBox sample file " + name + "\n").repeat(100);
	}

	private static long delay(String query) {
		if (query != null && query.startsWith("ms=")) {
			try {
				return Math.min(60_000, Long.parseLong(query.substring(3)));
			}
			catch (NumberFormatException ex) {
				// fall through to the default
			}
		}
		return 1000;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Run the origin until the process is stopped.
	 * @param args {@code --port=N} (default 8099), {@code --host=H} (default 127.0.0.1)
	 * @throws Exception on failure to start
	 */
	public static void main(String[] args) throws Exception {
		String host = "127.0.0.1";
		int port = 8099;
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring(7));
			}
			else if (arg.startsWith("--host=")) {
				host = arg.substring(7);
			}
		}
		DemoOrigin origin = start(host, port);
		System.out.println("Demo origin serving on http://" + host + ":" + origin.port()
				+ "/ (files/NAME, slow/NAME?ms=N, flaky/NAME; anything else is 404)");
		Thread.currentThread().join();
	}

}
