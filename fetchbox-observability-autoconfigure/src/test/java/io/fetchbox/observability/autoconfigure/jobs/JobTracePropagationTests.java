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
import io.micrometer.tracing.Tracer;
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
import org.springframework.core.task.TaskDecorator;

import io.fetchbox.observability.jobs.JobContext;
import io.fetchbox.observability.jobs.JobScope;
import io.fetchbox.observability.jobs.JobScopeListener;
import io.fetchbox.observability.jobs.JobScopes;
import io.fetchbox.observability.jobs.OutgoingTask;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskOutcome;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.jobs.TaskScope;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.tracing.ContextPropagation;

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

	@Test
	void jobScopeInsideATraceIsItsChildMarkedPresentAndRestoresMdcAndSpan() {
		this.runner.withBean(RecordingListener.class, RecordingListener::new).run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			JobScopes scopes = context.getBean(JobScopes.class);
			Tracer tracer = context.getBean(Tracer.class);
			Observation request = Observation.start("http.server.requests", registry);
			MDC.put("job_id", "outer");
			MDC.put("resource_id", "outer-resource");
			try (Observation.Scope outer = request.openScope()) {
				String requestSpanId = tracer.currentSpan().context().spanId();
				try (JobScope scope = scopes.open(JobContext.of("job-9").jobType("report").tenant("acme"))) {
					assertThat(scope.tracePresent()).isTrue();
					assertThat(scopes.inflight()).isEqualTo(1);
					assertThat(MDC.get("job_id")).isEqualTo("job-9");
					assertThat(MDC.get("job_type")).isEqualTo("report");
					assertThat(MDC.get("tenant")).isEqualTo("acme");
					assertThat(MDC.get("resource_id")).isNull();
					assertThat(tracer.currentSpan().context().spanId()).isNotEqualTo(requestSpanId);
					scope.success();
				}
				assertThat(tracer.currentSpan().context().spanId()).isEqualTo(requestSpanId);
				assertThat(MDC.get("job_id")).isEqualTo("outer");
				assertThat(MDC.get("resource_id")).isEqualTo("outer-resource");
				assertThat(MDC.get("job_type")).isNull();
			}
			finally {
				MDC.clear();
			}
			request.stop();
			assertThat(scopes.inflight()).isZero();
			List<SpanData> spans = flushedSpans(context);
			SpanData api = span(spans, "http.server.requests");
			SpanData job = span(spans, "job");
			assertThat(job.getTraceId()).isEqualTo(api.getTraceId());
			assertThat(job.getParentSpanId()).isEqualTo(api.getSpanId());
			assertThat(job.getAttributes().get(AttributeKey.stringKey("trace"))).isEqualTo("present");
			assertThat(job.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("succeeded");
			assertThat(job.getAttributes().get(AttributeKey.stringKey("job_id"))).isEqualTo("job-9");
			assertThat(context.getBean(RecordingListener.class).outcomes).containsExactly(TaskOutcome.SUCCEEDED);
		});
	}

	@Test
	void jobScopeWithoutATraceStartsOneMarkedMissing() {
		this.runner.run((context) -> {
			try (JobScope scope = context.getBean(JobScopes.class).open(JobContext.of("job-10"))) {
				assertThat(scope.tracePresent()).isFalse();
				scope.failure("no_pages", "nothing to do", null);
			}
			SpanData job = span(flushedSpans(context), "job");
			assertThat(job.getParentSpanContext().isValid()).isFalse();
			assertThat(job.getAttributes().get(AttributeKey.stringKey("trace"))).isEqualTo("missing");
			assertThat(job.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("failed");
		});
	}

	@Test
	void jobScopeOnAnExecutorContinuesTheSubmittersTrace() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			JobScopes scopes = context.getBean(JobScopes.class);
			AtomicReference<Boolean> present = new AtomicReference<>();
			TaskDecorator decorator = ContextPropagation.taskDecorator();
			ExecutorService executor = Executors.newSingleThreadExecutor();
			Observation request = Observation.start("http.server.requests", registry);
			try (Observation.Scope outer = request.openScope()) {
				executor.submit(decorator.decorate(() -> {
					try (JobScope scope = scopes.open(JobContext.of("job-11"))) {
						present.set(scope.tracePresent());
						scope.success();
					}
				})).get(10, TimeUnit.SECONDS);
			}
			finally {
				executor.shutdownNow();
			}
			request.stop();
			assertThat(present.get()).isTrue();
			List<SpanData> spans = flushedSpans(context);
			assertThat(span(spans, "job").getParentSpanId()).isEqualTo(span(spans, "http.server.requests").getSpanId());
		});
	}

	@Test
	void taskWithoutTraceContextInsideATraceContinuesItMarkedPresent() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			TaskObservations observations = context.getBean(TaskObservations.class);
			Observation request = Observation.start("http.server.requests", registry);
			try (Observation.Scope outer = request.openScope()) {
				try (TaskScope scope = observations.start(TASK, Map.of())) {
					assertThat(scope.tracePresent()).isTrue();
					scope.success();
				}
			}
			request.stop();
			List<SpanData> spans = flushedSpans(context);
			SpanData task = span(spans, "task");
			assertThat(task.getTraceId()).isEqualTo(span(spans, "http.server.requests").getTraceId());
			assertThat(task.getAttributes().get(AttributeKey.stringKey("trace"))).isEqualTo("present");
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

	static class RecordingListener implements JobScopeListener {

		final List<TaskOutcome> outcomes = new CopyOnWriteArrayList<>();

		@Override
		public void scopeClosed(JobScope scope, TaskOutcome outcome, Duration duration) {
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
