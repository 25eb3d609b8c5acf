package io.fetchbox.sample.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.HttpHeader;

/**
 * Downloads a task's resource over HTTP: proxy pools are tried in order within an attempt
 * (a pool that cannot be reached falls back to the next one), and failed attempts are
 * retried with exponential backoff up to the configured number of attempts. 404 and other
 * definite client errors are not retried.
 */
class Downloader {

	static final String DIRECT = "direct";

	private static final Logger logger = LoggerFactory.getLogger(Downloader.class);

	private final SampleWorkerProperties properties;

	private final WorkerEvents events;

	private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

	Downloader(SampleWorkerProperties properties, WorkerEvents events) {
		this.properties = properties;
		this.events = events;
		for (String pool : properties.getProxy().getPools().keySet()) {
			if (!DIRECT.equals(pool)) {
				parseProxy(pool, properties.getProxy().getPools().get(pool));
				// Its failure counter shows at 0 from the start: the proxy alert has a
				// baseline.
				events.proxyPoolConfigured(pool);
			}
		}
	}

	Downloaded download(DownloadTask task) throws DownloadFailure, InterruptedException {
		List<String> order = order(task);
		int maxAttempts = this.properties.getMaxAttempts();
		DownloadFailure last = null;
		for (int attempt = 1; attempt <= maxAttempts; attempt++) {
			try {
				return attempt(task, order, attempt);
			}
			catch (DownloadFailure failure) {
				last = failure.attempts(attempt);
				this.events.downloadFailed(failure.code());
				if (!failure.retryable() || attempt == maxAttempts) {
					break;
				}
				Duration backoff = backoff(attempt);
				this.events.retried(task.getJobType());
				logger.atInfo()
					.addKeyValue("attempt", attempt)
					.addKeyValue("error_code", failure.code())
					.log("Attempt {} of {} failed ({}), retrying in {} ms", attempt, maxAttempts, failure.getMessage(),
							backoff.toMillis());
				Thread.sleep(backoff.toMillis());
			}
		}
		throw last;
	}

	private Downloaded attempt(DownloadTask task, List<String> order, int attempt)
			throws DownloadFailure, InterruptedException {
		DownloadFailure last = new DownloadFailure("no_pool", "No proxy pool to try", false);
		for (int i = 0; i < order.size(); i++) {
			String pool = order.get(i);
			long started = System.nanoTime();
			try {
				HttpResponse<InputStream> response = client(pool).send(request(task),
						HttpResponse.BodyHandlers.ofInputStream());
				return handle(task, response, pool, attempt, Duration.ofNanos(System.nanoTime() - started));
			}
			catch (IOException ex) {
				if (DIRECT.equals(pool)) {
					throw new DownloadFailure(code(ex), describe(ex), true, ex);
				}
				// Through a proxy, a connection-level failure is the pool's: try the
				// next.
				this.events.proxyFailed(pool);
				String next = (i + 1 < order.size()) ? order.get(i + 1) : null;
				logger.atWarn()
					.addKeyValue("pool", pool)
					.log("Proxy pool '{}' failed ({}){}", pool, describe(ex),
							(next != null) ? ", falling back to '" + next + "'" : "");
				last = new DownloadFailure("proxy_failed", "Proxy pool '" + pool + "' failed: " + describe(ex), true,
						ex);
			}
		}
		throw last;
	}

	private Downloaded handle(DownloadTask task, HttpResponse<InputStream> response, String pool, int attempt,
			Duration latency) throws DownloadFailure, IOException {
		int status = response.statusCode();
		try (InputStream body = response.body()) {
			if (status >= 200 && status < 300) {
				long max = this.properties.getMaxObjectSize().toBytes();
				byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
				if (bytes.length > max) {
					throw new DownloadFailure("too_large",
							"Object is larger than " + this.properties.getMaxObjectSize(), false);
				}
				this.events.downloaded(latency);
				String contentType = response.headers().firstValue("content-type").orElse("application/octet-stream");
				return new Downloaded(bytes, contentType, pool, attempt);
			}
			boolean retryable = status >= 500 || status == 408 || status == 429;
			throw new DownloadFailure("http_" + status, "Origin answered HTTP " + status + " for " + task.getUrl(),
					retryable);
		}
	}

	private HttpRequest request(DownloadTask task) throws DownloadFailure {
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(task.getUrl()))
				.timeout(this.properties.getDownloadTimeout())
				.GET();
		}
		catch (IllegalArgumentException ex) {
			throw new DownloadFailure("invalid_url", "Invalid URL: " + task.getUrl(), false, ex);
		}
		for (HttpHeader header : task.getHeadersList()) {
			try {
				request.header(header.getName(), header.getValue());
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Skipping restricted header {}", header.getName());
			}
		}
		return request.build();
	}

	private List<String> order(DownloadTask task) {
		List<String> order = new ArrayList<>();
		if (task.hasProxyHint() && !task.getProxyHint().getPrimaryPool().isEmpty()) {
			order.add(task.getProxyHint().getPrimaryPool());
			order.addAll(task.getProxyHint().getFallbacksList());
		}
		else {
			String host = hostOf(task.getUrl());
			List<String> route = (host != null) ? this.properties.getProxy().getRoutes().get(host) : null;
			order.addAll((route != null) ? route : this.properties.getProxy().getDefaultOrder());
		}
		order.removeIf((pool) -> !DIRECT.equals(pool) && !this.properties.getProxy().getPools().containsKey(pool));
		return order;
	}

	private HttpClient client(String pool) {
		return this.clients.computeIfAbsent(pool, (name) -> {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.connectTimeout(this.properties.getConnectTimeout())
				.followRedirects(HttpClient.Redirect.NORMAL);
			if (DIRECT.equals(name)) {
				builder.proxy(HttpClient.Builder.NO_PROXY);
			}
			else {
				builder.proxy(ProxySelector.of(parseProxy(name, this.properties.getProxy().getPools().get(name))));
			}
			return builder.build();
		});
	}

	private Duration backoff(int attempt) {
		long millis = this.properties.getRetryBackoff().toMillis() << Math.min(attempt - 1, 20);
		return Duration.ofMillis(Math.min(millis, this.properties.getMaxRetryBackoff().toMillis()));
	}

	private static InetSocketAddress parseProxy(String pool, @Nullable String address) {
		int colon = (address != null) ? address.lastIndexOf(':') : -1;
		try {
			return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"'fetchbox.sample.worker.proxy.pools." + pool + "' must be host:port, was '" + address + "'");
		}
	}

	private static @Nullable String hostOf(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String code(IOException ex) {
		if (ex instanceof HttpTimeoutException) {
			return "timeout";
		}
		return (ex instanceof ConnectException) ? "connect_failed" : "io_error";
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

}
