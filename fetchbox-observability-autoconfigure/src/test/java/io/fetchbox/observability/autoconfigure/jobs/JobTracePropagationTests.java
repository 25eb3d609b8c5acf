package io.fetchbox.observability.autoconfigure.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.jobs.OutgoingTask;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskOutcome;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.jobs.TaskScope;
import io.fetchbox.observability.jobs.TaskScopeListener;
import io.fetchbox.observability.messages.DownloadTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The job observation API with Boot's real OpenTelemetry tracing: the worker's task span
 * continues the API's trace across a message carried as bytes plus string headers.
 */
class JobTracePropagationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, JobsAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0",
				"management.tracing.baggage.remote-fields=tenant")
		.withUserConfiguration(CollectingExporterConfiguration.class);

	private static final DownloadTask TASK = DownloadTask.newBuilder()
		.setJobId("job-1")
		.setJobType("images")
		.setResourceId("r-7")
		.setTenant("acme")
		.setUrl("http://origin/a.png")
		.build();

	@Test
	void workerTaskSpanIsChildOfApiSpanAndSharesTraceId() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			TaskPublishing publishing = context.getBean(TaskPublishing.class);
			Observation request = Observation.start("http.server.requests", registry);
			OutgoingTask outgoing;
			try (Observation.Scope scope = request.openScope()) {
				outgoing = publishing.prepare(TASK);
				outgoing.sent(null);
			}
			request.stop();
			assertThat(outgoing.headers()).containsKeys("traceparent", "job_id", "content-type")
				.containsEntry("content-type", "application/x-protobuf;type=fetchbox.jobs.DownloadTask");
			assertThat(outgoing.headers().get("baggage")).contains("tenant=acme");
			// The message crosses the broker as bytes.
			DownloadTask received = DownloadTask.parseFrom(outgoing.task().toByteArray());
			Map<String, String> workerMdc = runOnWorkerThread(context, received, outgoing.headers());

			List<SpanData> spans = flushedSpans(context);
			SpanData api = span(spans, "http.server.requests");
			SpanData publish = span(spans, "task publish");
			SpanData task = span(spans, "task");
			assertThat(received.getTraceId()).isEqualTo(api.getTraceId());
			assertThat(publish.getTraceId()).isEqualTo(api.getTraceId());
			assertThat(publish.getParentSpanId()).isEqualTo(api.getSpanId());
			assertThat(task.getTraceId()).isEqualTo(api.getTraceId());
			assertThat(task.getParentSpanId()).isEqualTo(publish.getSpanId());
			assertThat(task.getAttributes().get(AttributeKey.stringKey("job_id"))).isEqualTo("job-1");
			assertThat(task.getAttributes().get(AttributeKey.stringKey("resource_id"))).isEqualTo("r-7");
			assertThat(task.getAttributes().get(AttributeKey.stringKey("job_type"))).isEqualTo("images");
			assertThat(task.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("succeeded");
			assertThat(workerMdc).containsEntry("job_id", "job-1")
				.containsEntry("resource_id", "r-7")
				.containsEntry("job_type", "images")
				.containsEntry("tenant", "acme");
			// MDC traceId comes from Boot's context-storage wrapper, installed by a
			// SpringApplication listener the runner does not run: the end-to-end test
			// covers it.
		});
	}

	@Test
	void traceIdFieldAloneStillJoinsTheTrace() {
		this.runner.run((context) -> {
			String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
			DownloadTask task = TASK.toBuilder().setTraceId(traceId).build();
			runOnWorkerThread(context, task, Map.of("job_id", "job-1"));
			SpanData span = span(flushedSpans(context), "task");
			assertThat(span.getTraceId()).isEqualTo(traceId);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("trace"))).isEqualTo("present");
		});
	}

	@Test
	void taskWithoutTraceContextStartsANewTraceMarkedMissing() {
		this.runner.run((context) -> {
			TaskObservations observations = context.getBean(TaskObservations.class);
			try (TaskScope scope = observations.start(TASK, Map.of())) {
				assertThat(scope.tracePresent()).isFalse();
				scope.success();
			}
			SpanData span = span(flushedSpans(context), "task");
			assertThat(span.getParentSpanContext().isValid()).isFalse();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("trace"))).isEqualTo("missing");
		});
	}

	@Test
	void scopeClosedByAnExceptionIsAFailureAndRestoresMdc() {
		this.runner.withBean(RecordingListener.class, RecordingListener::new).run((context) -> {
			TaskObservations observations = context.getBean(TaskObservations.class);
			RecordingListener listener = context.getBean(RecordingListener.class);
			MDC.put("job_id", "outer");
			try {
				assertThatIllegalStateException().isThrownBy(() -> {
					try (TaskScope scope = observations.start(TASK, Map.of())) {
						assertThat(observations.inflight()).isEqualTo(1);
						throw new IllegalStateException("boom");
					}
				});
				assertThat(MDC.get("job_id")).isEqualTo("outer");
				assertThat(MDC.get("resource_id")).isNull();
			}
			finally {
				MDC.clear();
			}
			assertThat(observations.inflight()).isZero();
			assertThat(listener.outcomes).containsExactly(TaskOutcome.FAILED);
			SpanData span = span(flushedSpans(context), "task");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("failed");
		});
	}

	@Test
	void failureRecordsTheErrorOnTheSpan() {
		this.runner.run((context) -> {
			TaskObservations observations = context.getBean(TaskObservations.class);
			try (TaskScope scope = observations.start(TASK, Map.of())) {
				scope.failure("http_404", "origin answered 404", new IllegalStateException("404"));
			}
			SpanData span = span(flushedSpans(context), "task");
			assertThat(span.getStatus().getStatusCode()).hasToString("ERROR");
		});
	}

	private static Map<String, String> runOnWorkerThread(AssertableApplicationContext context, DownloadTask task,
			Map<String, String> headers) throws Exception {
		TaskObservations observations = context.getBean(TaskObservations.class);
		AtomicReference<Map<String, String>> mdc = new AtomicReference<>();
		ExecutorService worker = Executors.newSingleThreadExecutor();
		try {
			worker.submit(() -> {
				try (TaskScope scope = observations.start(task, headers)) {
					mdc.set(MDC.getCopyOfContextMap());
					scope.success();
				}
			}).get(10, TimeUnit.SECONDS);
		}
		finally {
			worker.shutdownNow();
		}
		return mdc.get();
	}

	private static List<SpanData> flushedSpans(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(CollectingExporterConfiguration.class).spans;
	}

	private static SpanData span(List<SpanData> spans, String name) {
		return spans.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span '" + name + "' in " + spans));
	}

	static class RecordingListener implements TaskScopeListener {

		final List<TaskOutcome> outcomes = new CopyOnWriteArrayList<>();

		@Override
		public void taskFinished(DownloadTask task, TaskOutcome outcome, Duration duration, boolean tracePresent) {
			this.outcomes.add(outcome);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CollectingExporterConfiguration {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Bean
		SpanExporter collectingSpanExporter() {
			return new SpanExporter() {

				@Override
				public CompletableResultCode export(java.util.Collection<SpanData> batch) {
					CollectingExporterConfiguration.this.spans.addAll(batch);
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			};
		}

	}

}
