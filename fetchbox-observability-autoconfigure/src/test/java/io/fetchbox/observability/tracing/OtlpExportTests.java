package io.fetchbox.observability.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.testapp.ObservedTestApplication;
import io.fetchbox.observability.testapp.SharedObservedApp;
import io.fetchbox.observability.testkit.ClosedPort;
import io.fetchbox.observability.tracing.OtlpTraceReceiver.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OTLP export through Boot's own exporter, configured only with
 * {@code fetchbox.telemetry.otlp.*}, received and decoded by {@link OtlpTraceReceiver}.
 */
class OtlpExportTests {

	private static final String TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2";

	private static final String PARENT_ID = "051581bf3cb55c13";

	private static OtlpTraceReceiver receiver;

	private static ConfigurableApplicationContext context;

	private static int port;

	private final HttpClient http = HttpClient.newHttpClient();

	/** No broker in this test: a port where nothing listens. */
	private static final ClosedPort noBroker = ClosedPort.reserve();

	@BeforeAll
	static void start() {
		receiver = OtlpTraceReceiver.start();
		context = new SpringApplicationBuilder(ObservedTestApplication.class).run("--server.port=0",
				"--spring.application.name=otlp-test", "--fetchbox.telemetry.environment=staging",
				"--fetchbox.telemetry.version=2.0.0", "--fetchbox.telemetry.otlp.enabled=true",
				"--fetchbox.telemetry.otlp.endpoint=" + receiver.endpoint(),
				"--fetchbox.telemetry.otlp.sampling-probability=1.0",
				"--fetchbox.telemetry.otlp.headers.x-collector-token=t0k3n",
				"--management.opentelemetry.tracing.export.schedule-delay=100ms",
				"--fetchbox.telemetry.iggy.address=" + noBroker.address());
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		receiver.close();
		noBroker.close();
	}

	@Test
	void serverSpanArrivesWithServiceResource() throws Exception {
		assertThat(get("/hello/otlp", "X-Request-ID", "req-otlp").statusCode()).isEqualTo(200);
		ReceivedSpan span = receiver
			.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.name().contains("/hello/{name}"));
		assertThat(span.serviceName()).isEqualTo("otlp-test");
		assertThat(span.resource()).containsEntry("service.version", "2.0.0")
			.containsEntry("deployment.environment.name", "staging");
		assertThat(span.traceId()).matches("[0-9a-f]{32}");
		assertThat(receiver.requestHeaders()).anySatisfy((headers) -> {
			assertThat(headers).containsEntry("x-collector-token", "t0k3n");
			assertThat(headers.get("content-type")).isEqualTo("application/x-protobuf");
		});
		assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).hasSize(1);
	}

	@Test
	void incomingTraceparentContinuesTheTrace() throws Exception {
		HttpResponse<String> response = get("/hello/continued", "traceparent",
				"00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = receiver
			.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.traceId().equals(TRACE_ID));
		assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
		assertThat(span.serviceName()).isEqualTo("otlp-test");
	}

	@Test
	void malformedTraceparentStartsNewTraceWithoutError() throws Exception {
		HttpResponse<String> response = get("/hello/malformed", "traceparent", "00-not-a-trace-id-zz", "X-Request-ID",
				"req-malformed");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = SharedObservedApp.JSON.readTree(response.body()).get("trace_id").asString();
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
		ReceivedSpan span = receiver
			.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.traceId().equals(traceId));
		assertThat(span.parentSpanId()).isEmpty();
	}

	@Test
	void exportOffByDefaultMakesNoConnection() {
		// The shared app points its (disabled) OTLP endpoint at a socket that counts
		// accepts.
		SharedObservedApp app = SharedObservedApp.get();
		for (int i = 0; i < 5; i++) {
			assertThat(app.get("/hello/unexported" + i).statusCode()).isEqualTo(200);
		}
		// Longer than Boot's 5s batch schedule delay: an exporter would have connected by
		// then.
		await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(() -> app.exportConnections() == 0);
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.headers(headers)
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
