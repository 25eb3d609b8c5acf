package io.fetchbox.observability.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.metrics.PromTool;
import io.fetchbox.observability.metrics.PrometheusScrape;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running service (real Tomcat, real Iggy testkit over TCP, H2 file ledger, local
 * storage): {@code /metrics}, {@code fetchbox_api_requests_total} under a scan of random
 * paths, and {@code /health/live} / {@code /health/ready} while the broker stops,
 * restarts and hangs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndMetricsIggyTests {

	private static final Duration BUDGET = Duration.ofMillis(1500);

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@TempDir
	static Path temp;

	private static ConfigurableApplicationContext context;

	private static String base;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(ProbedApplication.class).run(
				// S3Mock's jar (test class path) has an application.properties that turns
				// every actuator endpoint off: do not read any.
				"--spring.config.name=fetchbox-health-test", "--server.port=0", "--spring.application.name=probed",
				"--fetchbox.telemetry.logging.format=text", "--fetchbox.telemetry.iggy.address=" + iggy.address(),
				"--fetchbox.telemetry.iggy.request-timeout=1s", "--fetchbox.telemetry.iggy.backoff.max=500ms",
				"--fetchbox.telemetry.health.timeout=" + BUDGET.toMillis() + "ms",
				"--fetchbox.telemetry.health.storage.directory=" + temp,
				"--fetchbox.telemetry.health.ledger.tables=jobs",
				// The probed service records nothing itself: export the families the
				// scrape checks below.
				"--fetchbox.telemetry.metrics.families.ingest=true",
				"--fetchbox.telemetry.metrics.families.worker=true",
				"--fetchbox.telemetry.metrics.families.ledger=true",
				"--test.ledger.url=jdbc:h2:file:" + temp.resolve("ledger") + ";DB_CLOSE_DELAY=-1",
				// Buckets on Boot's request timer, where the trace exemplar goes.
				"--management.metrics.distribution.percentiles-histogram.http.server.requests=true");
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	@Order(1)
	void readinessIsUpWithEveryDependencyAndLivenessNeverChecksThem() throws Exception {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
		HttpResponse<String> live = get("/health/live");
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(live.body()).contains("\"UP\"");
		// Unauthorised callers see which components are checked, never their details.
		assertThat(get("/health/ready").body()).contains("\"ledger\":{\"status\":\"UP\"}")
			.doesNotContain("details")
			.doesNotContain("jdbc");
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(gauge("service_ready")).isEqualTo(1);
	}

	@Test
	@Order(2)
	void scrapeShowsCatalogAndUnknownPathsAddNoSeries() throws Exception {
		assertThat(get("/jobs/j-1").statusCode()).isEqualTo(200);
		assertThat(get("/jobs/j-2").statusCode()).isEqualTo(200);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				String path = "/scan/" + UUID.randomUUID() + "/" + i;
				results.add(pool.submit(() -> get(path).statusCode()));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(404);
			}
		}
		finally {
			pool.shutdownNow();
		}
		HttpResponse<String> metrics = get("/metrics");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		PrometheusScrape scrape = PrometheusScrape.parse(metrics.body());
		Set<String> routes = scrape.samples("fetchbox_api_requests_total")
			.stream()
			.map((sample) -> sample.labels().get("route"))
			.collect(Collectors.toSet());
		assertThat(routes).contains("/jobs/{jobId}", "UNMATCHED").noneMatch((route) -> route.startsWith("/scan"));
		assertThat(scrape.value("fetchbox_api_requests_total", "route", "UNMATCHED", "status", "404"))
			.isEqualTo(10_000);
		assertThat(scrape.value("fetchbox_api_requests_total", "route", "/jobs/{jobId}", "status", "200")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_api_requests_total", "route", "/jobs/{jobId}", "status", "200", "service",
				"probed"))
			.isEqualTo(2);
		// Boot's own request timer stays bounded too.
		Set<String> uris = scrape.samples("http_server_requests_seconds_count")
			.stream()
			.map((sample) -> sample.labels().get("uri"))
			.collect(Collectors.toSet());
		assertThat(uris).noneMatch((uri) -> uri.startsWith("/scan")).hasSizeLessThan(10);
		assertThat(scrape.names())
			.contains("fetchbox_ledger_jobs_created_total", "fetchbox_worker_tasks_inflight", "service_ready",
					"fetchbox_ingest_duration_seconds_count")
			.doesNotContain("fetchbox_ledger_jobs_total");
		assertThat(get("/actuator/prometheus").body()).contains("fetchbox_api_requests_total");

		// A sampled incoming trace: its id shows as an exemplar when the scraper asks for
		// OpenMetrics, never in the plain text format.
		String traceId = UUID.randomUUID().toString().replace("-", "");
		HttpResponse<String> traced = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/j-3"))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(traced.statusCode()).isEqualTo(200);
		HttpResponse<String> openMetrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
			.header("Accept", "application/openmetrics-text; version=1.0.0")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(openMetrics.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
		assertThat(openMetrics.body()).contains("fetchbox_ledger_jobs_created_total").endsWith("# EOF\n");
		assertThat(openMetrics.body().lines()).anyMatch((line) -> line.startsWith("http_server_requests_seconds_bucket")
				&& line.contains("uri=\"/jobs/{jobId}\"") && line.contains("trace_id=\"" + traceId + "\""));
		// Exemplars only where every OpenMetrics parser takes them: Prometheus before
		// 2.43
		// rejects the whole scrape for one on a _count line.
		assertThat(openMetrics.body().lines().filter((line) -> line.contains(" # {"))).isNotEmpty()
			.allMatch((line) -> line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(_bucket|_total)[{ ].*"));
		assertThat(get("/metrics").body()).doesNotContain(traceId);

		// promtool parses the whole scrape; its lint findings about Boot's and the JVM's
		// own meters (no help text, "_ms" units) are not ours to fix, FetchBox's must be
		// clean.
		PromTool.Result check = PromTool.run(metrics.body(), "check", "metrics");
		assertThat(check.output()).doesNotContain("error while linting").doesNotContain("parse");
		assertThat(check.output().lines())
			.noneMatch((line) -> line.startsWith("fetchbox_") || line.startsWith("service_ready"));
	}

	// After the scrape test, which counts every 404.
	@Test
	@Order(3)
	void probeAndScrapePathsTakeATrailingSlashAndNothingBelowThem() throws Exception {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/health/ready/").statusCode()).isEqualTo(200));
		assertThat(get("/health/live/").body()).contains("\"UP\"");
		assertThat(get("/metrics/").body()).contains("fetchbox_api_requests_total");
		assertThat(get("/health/live/x").statusCode()).isEqualTo(404);
		assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void theMainPortExposesHealthAndPrometheusOnly() throws Exception {
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/info").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/fetchbox").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
	}

	@Test
	@Order(4)
	void brokerStoppedMakesReadinessDownWithinBudgetAndLivenessStaysUp() throws Exception {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
		iggy.server().stop();
		try {
			long start = System.nanoTime();
			HttpResponse<String> ready = get("/health/ready");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(ready.statusCode()).isEqualTo(503);
			// The body says which component is down (details stay for authorised users).
			assertThat(ready.body()).contains("\"iggy\":{\"status\":\"DOWN\"}").doesNotContain("lastError");
			assertThat(took).isLessThan(BUDGET.plusMillis(1000));
			assertThat(get("/health/live").statusCode()).isEqualTo(200);
			assertThat(gauge("service_ready")).isZero();
		}
		finally {
			iggy.server().start();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
		assertThat(gauge("service_ready")).isEqualTo(1);
	}

	@Test
	@Order(5)
	void hangingBrokerMakesReadinessDownWithinBudget() throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
		iggy.server().pause();
		try {
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				HttpResponse<String> ready = get("/health/ready");
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(ready.statusCode()).isEqualTo(503);
				assertThat(took).isLessThan(BUDGET.plusMillis(1000));
				assertThat(get("/health/live").statusCode()).isEqualTo(200);
			}
		}
		finally {
			iggy.server().resume();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
	}

	private static double gauge(String name) throws Exception {
		return PrometheusScrape.parse(get("/metrics").body()).value(name);
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
