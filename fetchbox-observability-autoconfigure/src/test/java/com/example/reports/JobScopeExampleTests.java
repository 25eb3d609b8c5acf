package com.example.reports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;
import io.fetchbox.observability.tracing.OtlpTraceReceiver;
import io.fetchbox.observability.tracing.OtlpTraceReceiver.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job scope example of docs/observability.md, run as a new service would run it: the
 * starter's auto-configuration, the Iggy testkit over real TCP, spans exported over OTLP
 * and decoded, metrics scraped. A request with a {@code traceparent} gets its job lines
 * into {@code jobs.logs} with the job id and trace id, a {@code job} span under the
 * request's span, and {@code trace="present"} on the outcome counter; the same from an
 * {@code @Async} method.
 */
class JobScopeExampleTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private OtlpTraceReceiver otlp;

	private ConfigurableApplicationContext app;

	private int port;

	@BeforeEach
	void start() {
		this.otlp = OtlpTraceReceiver.start();
		this.app = new SpringApplicationBuilder(ReportsApplication.class).bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			// S3Mock's jar (test class path) has an application.properties that turns
			// every actuator endpoint off: do not read any.
			.properties("spring.config.name=job-scope-example", "server.port=0", "spring.application.name=reports",
					"fetchbox.telemetry.iggy.address=" + this.iggy.address(), "fetchbox.telemetry.logging.format=text",
					"fetchbox.telemetry.otlp.enabled=true", "fetchbox.telemetry.otlp.endpoint=" + this.otlp.endpoint(),
					"fetchbox.telemetry.otlp.sampling-probability=1.0",
					"management.opentelemetry.tracing.export.schedule-delay=100ms",
					// Spring Security is an optional dependency of this module; a new
					// service without it has nothing to exclude.
					"spring.autoconfigure.exclude="
							+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
							+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
							+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
							+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
							+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
			.run();
		this.port = Integer.parseInt(this.app.getEnvironment().getProperty("local.server.port"));
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.otlp.close();
	}

	@Test
	void requestThreadScopeShipsJobLinesUnderTheRequestsTrace() throws Exception {
		assertJobRunsUnderTheRequest("/reports/job-report-1", "job-report-1");
	}

	@Test
	void asyncScopeShipsJobLinesUnderTheRequestsTrace() throws Exception {
		assertJobRunsUnderTheRequest("/reports/job-report-2/later", "job-report-2");
	}

	private void assertJobRunsUnderTheRequest(String path, String jobId) throws Exception {
		String traceId = hex(16);
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + path + "?tenant=acme&pages=summary&pages=details"))
			.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"pages\":2");

		// The job's lines, with its id and the request's trace id, on jobs.logs.
		await().atMost(WAIT).untilAsserted(() -> {
			List<JobLog> logs = jobLogs(jobId);
			assertThat(logs).extracting(JobLog::getMessage)
				.containsSubsequence("Rendering page summary", "Rendering page details", "job scope completed");
			assertThat(logs).allSatisfy((log) -> {
				assertThat(log.getTraceId()).isEqualTo(traceId);
				assertThat(log.getFieldsMap()).containsEntry("job_type", "report").containsEntry("tenant", "acme");
			});
		});

		// A job span under the request's server span.
		ReceivedSpan job = this.otlp
			.awaitSpan((span) -> span.name().equals("job") && jobId.equals(span.attributes().get("job_id")));
		ReceivedSpan server = this.otlp
			.awaitSpan((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER && span.traceId().equals(traceId));
		assertThat(job.traceId()).isEqualTo(traceId);
		assertThat(job.parentSpanId()).isEqualTo(server.spanId());
		assertThat(job.attributes()).containsEntry("trace", "present").containsEntry("outcome", "succeeded");

		// The outcome counter says where the trace came from.
		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).containsPattern(
				"fetchbox_job_seconds_count\\{error=\"none\",job_type=\"report\",outcome=\"succeeded\",service=\"reports\",trace=\"present\"} 1(\\.0)?\\n");
		assertThat(metrics).doesNotContain("trace=\"missing\"");
	}

	private List<JobLog> jobLogs(String jobId) {
		return this.iggy.server()
			.messages("fetchbox", "jobs.logs")
			.stream()
			.filter((message) -> jobId.equals(message.headers().get("job_id")))
			.map(JobScopeExampleTests::decode)
			.toList();
	}

	private static JobLog decode(StoredMessage message) {
		try {
			return JobLog.parseFrom(message.payload());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(value);
		value[0] |= 1;
		return HexFormat.of().formatHex(value);
	}

}
