package io.fetchbox.observability.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.testkit.ClosedPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fetchbox.telemetry.metrics-addr} moves Actuator and {@code /metrics} to their
 * own port; the probes stay on the main port. The broker is unreachable here, so
 * readiness is DOWN (and the service still starts).
 */
class SeparateManagementPortTests {

	@TempDir
	static Path temp;

	private static ConfigurableApplicationContext context;

	private static ClosedPort closedPort;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() throws Exception {
		// held until the end: nothing listens there and nothing else can take it
		closedPort = ClosedPort.reserve();
		context = new SpringApplicationBuilder(ProbedApplication.class).run("--spring.config.name=fetchbox-health-test",
				"--server.port=0", "--spring.application.name=worker", "--fetchbox.telemetry.logging.format=text",
				"--fetchbox.telemetry.metrics-addr=127.0.0.1:0", "--fetchbox.telemetry.metrics.families.worker=true",
				"--fetchbox.telemetry.iggy.address=" + closedPort.address(), "--fetchbox.telemetry.health.timeout=1s",
				"--test.ledger.url=jdbc:h2:file:" + temp.resolve("ledger"));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (closedPort != null) {
			closedPort.close();
		}
	}

	@Test
	void actuatorAndMetricsMoveProbesStay() throws Exception {
		String main = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		String management = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
		assertThat(management).isNotEqualTo(main);

		assertThat(get(main + "/health/live").statusCode()).isEqualTo(200);
		HttpResponse<String> ready = get(main + "/health/ready");
		assertThat(ready.statusCode()).isEqualTo(503);

		HttpResponse<String> metrics = get(management + "/metrics");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("service_ready{service=\"worker\"} 0.0")
			.contains("fetchbox_worker_tasks_inflight");
		assertThat(get(management + "/actuator/health").statusCode()).isEqualTo(503);
		assertThat(get(main + "/metrics").statusCode()).isEqualTo(404);
		assertThat(get(main + "/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(ready.body()).contains("\"iggy\":{\"status\":\"DOWN\"}");
	}

	@Test
	void theDebugEndpointIsExposedOnTheManagementPortOnly() throws Exception {
		String main = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		String management = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
		// The client connects in the background once the application has started:
		// CONNECTING
		// until its first attempt against the closed port has failed.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> debug = get(management + "/actuator/fetchbox");
			assertThat(debug.statusCode()).isEqualTo(200);
			assertThat(debug.body()).contains("\"iggy\"", "\"status\":\"DOWN\"");
		});
		assertThat(get(main + "/actuator/fetchbox").statusCode()).isEqualTo(404);
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
