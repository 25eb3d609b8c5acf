package io.fetchbox.observability.logging;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fetchbox.observability.testapp.ObservedTestApplication;
import io.fetchbox.observability.testapp.SharedObservedApp;

import static io.fetchbox.observability.testapp.SharedObservedApp.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a service in its own JVM and parses every stdout line (PRODUCT.md section 3).
 */
class JsonLogsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final SharedObservedApp app = SharedObservedApp.get();

	@Test
	void everyLineIsOneJsonObjectWithServiceFieldsAndNoNulls() {
		this.app.get("/hello/everyline");
		this.app.awaitLine("hello line", field("message", "hello everyline"));
		assertThat(this.app.stdout()).isNotEmpty();
		for (JsonNode line : this.app.jsonLines()) {
			assertThat(line.get("timestamp").asString()).endsWith("Z");
			assertThat(line.get("level").asString()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
			assertThat(line.has("target")).isTrue();
			assertThat(line.has("message")).isTrue();
			assertThat(line.has("thread")).isTrue();
			assertThat(line.get("service").asString()).isEqualTo("log-test");
			assertThat(line.get("environment").asString()).isEqualTo("test");
			assertThat(line.get("version").asString()).isEqualTo("9.9.9");
			assertThat(line.has("traceId")).isFalse();
			assertThat(line.has("@timestamp")).isFalse();
			line.properties()
				.forEach((entry) -> assertThat(entry.getValue().isNull())
					.as("field %s of %s is not null", entry.getKey(), line)
					.isFalse());
		}
	}

	@Test
	void correlationFieldsMatchTheActiveSpanAndRequest() {
		HttpResponse<String> response = this.app.get("/hello/alice", "traceparent",
				"00-" + TRACE_ID + "-00f067aa0ba902b7-01", "X-Request-ID", "req-123");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-123");
		JsonNode line = this.app.awaitLine("hello alice", field("message", "hello alice"));
		assertThat(line.get("level").asString()).isEqualTo("INFO");
		assertThat(line.get("target").asString()).endsWith("TestController");
		assertThat(line.get("thread").asString()).startsWith("http-nio-");
		assertThat(line.get("trace_id").asString()).isEqualTo(TRACE_ID)
			.isEqualTo(line.get("expected_trace_id").asString());
		assertThat(line.get("span_id").asString()).isEqualTo(line.get("expected_span_id").asString())
			.matches("[0-9a-f]{16}");
		assertThat(line.get("request_id").asString()).isEqualTo("req-123");
		assertThat(line.has("job_id")).isFalse();
		assertThat(line.has("tenant")).isFalse();
		assertThat(line.has("stack_trace")).isFalse();
	}

	@Test
	void accessLogLinePerRequest() {
		this.app.get("/hello/bob", "X-Request-ID", "req-access");
		JsonNode line = this.app.awaitLine("access line",
				field("message", "request completed").and(field("request_id", "req-access")));
		assertThat(line.get("target").asString()).isEqualTo("io.fetchbox.observability.web.access");
		assertThat(line.get("method").asString()).isEqualTo("GET");
		assertThat(line.get("route").asString()).isEqualTo("/hello/{name}");
		assertThat(line.get("status").asInt()).isEqualTo(200);
		assertThat(line.get("latency_ms").isIntegralNumber()).isTrue();
		assertThat(line.get("trace_id").asString()).matches("[0-9a-f]{32}");
	}

	@Test
	void healthRequestsHaveNoAccessLine() {
		// Excluded by path, whatever the answer (this app exposes no actuator endpoints).
		this.app.get("/actuator/health", "X-Request-ID", "req-health");
		this.app.get("/actuator/prometheus", "X-Request-ID", "req-health");
		this.app.get("/hello/afterhealth", "X-Request-ID", "req-after-health");
		this.app.awaitLine("later access line",
				field("message", "request completed").and(field("request_id", "req-after-health")));
		assertThat(this.app.jsonLines())
			.noneMatch(field("message", "request completed").and(field("request_id", "req-health")));
	}

	@Test
	void hostileMessageStaysOneValidLine() {
		this.app.get("/hostile");
		String expected = ObservedTestApplication.HOSTILE.replace('\uD800', '\uFFFD').replace('\uDC00', '\uFFFD');
		JsonNode line = this.app.awaitLine("hostile line", field("message", expected));
		assertThat(line.get("message").asString()).contains("\uD83D\uDE00");
		assertThat(this.app.stdout()).filteredOn((raw) -> raw.contains("lone-high")).hasSize(1);
	}

	@Test
	void oversizedMessageIsCutWithMarker() {
		this.app.get("/big?size=5000");
		JsonNode line = this.app.awaitLine("big line",
				(node) -> node.has("message") && node.get("message").asString().startsWith("big:"));
		String message = line.get("message").asString();
		assertThat(message).contains(LogMessages.TRUNCATION_MARKER);
		assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
	}

	@Test
	void jobContextKeyValuesAndStackTrace() {
		this.app.get("/job");
		JsonNode step = this.app.awaitLine("job step", field("message", "job step"));
		assertThat(step.get("level").asString()).isEqualTo("WARN");
		assertThat(Map.of("job_id", step.get("job_id").asString(), "job_type", step.get("job_type").asString(),
				"tenant", step.get("tenant").asString(), "resource_id", step.get("resource_id").asString()))
			.containsExactlyInAnyOrderEntriesOf(
					Map.of("job_id", "job-42", "job_type", "download", "tenant", "acme", "resource_id", "res-1"));
		assertThat(step.get("attempt").asInt()).isEqualTo(3);
		JsonNode failed = this.app.awaitLine("job failed", field("message", "job failed"));
		assertThat(failed.get("level").asString()).isEqualTo("ERROR");
		assertThat(failed.get("stack_trace").asString()).contains("java.lang.IllegalStateException: disk full");
	}

}
