package io.fetchbox.sample.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample worker's {@code /metrics} (its own management port) right after start,
 * against the Iggy testkit: the worker family at 0 (it consumes tasks), a series for each
 * configured proxy pool, and none of the API's ingest, operator or ledger series.
 */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "fetchbox.telemetry.logging.format=text", "fetchbox.telemetry.metrics-addr=127.0.0.1:0",
				"fetchbox.sample.worker.proxy.pools.backup=127.0.0.1:9",
				// S3Mock's jar (test class path) has an application.properties that makes
				// beans lazy and turns every actuator endpoint off: undo both.
				"spring.main.lazy-initialization=false", "management.endpoint.prometheus.access=read-only" })
class SampleWorkerMetricsIggyTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@TempDir
	static Path objects;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("fetchbox.telemetry.iggy.address", iggy::address);
		registry.add("fetchbox.sample.worker.storage.local-dir", objects::toString);
	}

	@Value("${local.management.port}")
	int managementPort;

	@Test
	void metricsShowTheWorkerFamilyFromTheStartAndNoApiSeries() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/metrics"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> series = response.body().lines().filter((line) -> !line.startsWith("#")).toList();
		assertThat(series)
			.contains("fetchbox_worker_tasks_total{job_type=\"unknown\",outcome=\"succeeded\","
					+ "service=\"fetchbox-worker\",trace=\"present\"} 0.0")
			.contains("fetchbox_worker_dlq_total{service=\"fetchbox-worker\"} 0.0")
			.contains("fetchbox_worker_tasks_inflight{service=\"fetchbox-worker\"} 0.0")
			.contains("fetchbox_proxy_failures_total{pool=\"backup\",service=\"fetchbox-worker\"} 0.0")
			.anyMatch((line) -> line.startsWith("fetchbox_worker_download_failures_total{code=\"timeout\""))
			.noneMatch((line) -> line.startsWith("fetchbox_ingest_") || line.startsWith("fetchbox_ledger_")
					|| line.startsWith("fetchbox_operator_"));
	}

}
