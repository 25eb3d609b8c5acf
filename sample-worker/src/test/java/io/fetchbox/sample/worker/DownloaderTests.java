package io.fetchbox.sample.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.ProxyHint;
import io.fetchbox.observability.metrics.QueueMetrics;
import io.fetchbox.observability.metrics.WorkerMetrics;
import io.fetchbox.observability.testkit.ClosedPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's downloads against a real local origin: proxy fallback, retries with
 * backoff, no retry for 404, and the metrics each records.
 */
class DownloaderTests {

	static DemoOrigin origin;

	/** Where nothing listens: a broken proxy, a gone origin. */
	static ClosedPort closed;

	private final SampleWorkerProperties properties = new SampleWorkerProperties();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private Downloader downloader;

	@BeforeAll
	static void startOrigin() throws IOException {
		origin = DemoOrigin.start("127.0.0.1", 0);
		closed = ClosedPort.reserve();
	}

	@AfterAll
	static void stopOrigin() {
		origin.close();
		closed.close();
	}

	@BeforeEach
	void setUp() {
		this.properties.setRetryBackoff(Duration.ofMillis(10));
		this.properties.getProxy().getPools().put("broken", closed.address());
		this.properties.getProxy().getRoutes().put("localhost", List.of("broken", "direct"));
		WorkerMetrics metrics = new WorkerMetrics();
		metrics.bindTo(this.registry);
		this.downloader = new Downloader(this.properties,
				new WorkerEvents(metrics, new QueueMetrics(), "jobs.tasks", "workers"));
	}

	@Test
	void downloadsDirectly() throws Exception {
		Downloaded downloaded = this.downloader.download(task("127.0.0.1", "/files/a.txt"));
		assertThat(new String(downloaded.body(), StandardCharsets.UTF_8)).startsWith("FetchBox sample file a.txt");
		assertThat(downloaded.pool()).isEqualTo("direct");
		assertThat(downloaded.attempts()).isEqualTo(1);
	}

	@Test
	void configuredProxyPoolsShowAtZeroBeforeAnyFailure() {
		assertThat(this.registry.find("fetchbox.proxy.failures").tags("pool", "broken").functionCounter()).isNotNull();
		assertThat(count("fetchbox.proxy.failures", "pool", "broken")).isZero();
		assertThat(this.registry.find("fetchbox.proxy.failures").tags("pool", "direct").meters()).isEmpty();
	}

	@Test
	void failingProxyPoolFallsBackToTheNextPool() throws Exception {
		Downloaded downloaded = this.downloader.download(task("localhost", "/files/b.txt"));
		assertThat(downloaded.pool()).isEqualTo("direct");
		assertThat(count("fetchbox.proxy.failures", "pool", "broken")).isEqualTo(1);
	}

	@Test
	void proxyHintOfTheTaskWins() throws Exception {
		DownloadTask task = task("127.0.0.1", "/files/c.txt").toBuilder()
			.setProxyHint(ProxyHint.newBuilder().setPrimaryPool("broken").addFallbacks("direct"))
			.build();
		assertThat(this.downloader.download(task).pool()).isEqualTo("direct");
	}

	@Test
	void serverErrorIsRetried() throws Exception {
		Downloaded downloaded = this.downloader.download(task("127.0.0.1", "/flaky/retried.txt"));
		assertThat(downloaded.attempts()).isEqualTo(2);
		assertThat(count("fetchbox.worker.retries")).isEqualTo(1);
	}

	@Test
	void notFoundIsNotRetried() {
		assertThatExceptionOfType(DownloadFailure.class)
			.isThrownBy(() -> this.downloader.download(task("127.0.0.1", "/missing/x")))
			.satisfies((failure) -> {
				assertThat(failure.code()).isEqualTo("http_404");
				assertThat(failure.retryable()).isFalse();
				assertThat(failure.attempts()).isEqualTo(1);
			});
	}

	@Test
	void unreachableOriginIsRetriedUpToMaxAttempts() {
		this.properties.setMaxAttempts(3);
		DownloadTask task = DownloadTask.newBuilder()
			.setJobType("t")
			.setUrl("http://" + closed.address() + "/gone")
			.build();
		assertThatExceptionOfType(DownloadFailure.class).isThrownBy(() -> this.downloader.download(task))
			.satisfies((failure) -> {
				assertThat(failure.code()).isEqualTo("connect_failed");
				assertThat(failure.attempts()).isEqualTo(3);
			});
	}

	private double count(String name, String... tags) {
		return this.registry.find(name)
			.tags(tags)
			.meters()
			.stream()
			.mapToDouble((meter) -> meter.measure().iterator().next().getValue())
			.sum();
	}

	private static DownloadTask task(String host, String path) {
		return DownloadTask.newBuilder()
			.setJobId("j")
			.setJobType("t")
			.setResourceId("r")
			.setUrl("http://" + host + ":" + origin.port() + path)
			.build();
	}

}
