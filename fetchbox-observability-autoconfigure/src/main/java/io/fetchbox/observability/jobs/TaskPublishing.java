package io.fetchbox.observability.jobs;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.MessageHeaders;

/**
 * Publisher side of the job observation API: prepares a {@code DownloadTask} for sending
 * by starting a {@code task.publish} observation, whose {@link TaskPublishContext} lets
 * Boot's propagating sender handler write {@code traceparent} (and {@code tracestate},
 * {@code baggage}) into the message headers. The tenant travels as baggage and the trace
 * id is also written to {@code DownloadTask.trace_id} for consumers that ignore headers.
 *
 * <pre class="code">
 * OutgoingTask outgoing = taskPublishing.prepare(task);
 * send(outgoing.task(), outgoing.headers()).whenComplete((ok, ex) -&gt; outgoing.sent(ex));
 * </pre>
 *
 * @since 0.1.0
 */
public final class TaskPublishing {

	private final ObservationRegistry registry;

	private final Tracer tracer;

	private final @Nullable TaskPublishObservationConvention convention;

	/**
	 * Create a new instance.
	 * @param registry the observation registry
	 * @param tracer the tracer ({@link Tracer#NOOP} when tracing is off)
	 * @param convention a custom convention, or {@code null} for the default one
	 */
	public TaskPublishing(ObservationRegistry registry, Tracer tracer,
			@Nullable TaskPublishObservationConvention convention) {
		this.registry = registry;
		this.tracer = tracer;
		this.convention = convention;
	}

	/**
	 * Start the publish observation for a task, as a child of the current observation.
	 * @param task the task to send
	 * @return the task with its trace id, the headers to attach and the observation to
	 * stop once the send completed
	 */
	public OutgoingTask prepare(DownloadTask task) {
		TaskPublishContext context = new TaskPublishContext(task.getJobId(), task.getJobType(), task.getResourceId(),
				task.getTenant());
		Observation observation = JobObservationDocumentation.TASK_PUBLISH.observation(this.convention,
				DefaultTaskPublishObservationConvention.INSTANCE, () -> context, this.registry);
		String traceId = start(observation, task.getTenant());
		var headers = context.getCarrier();
		headers.put(MessageHeaders.JOB_ID, task.getJobId());
		headers.put(MessageHeaders.CONTENT_TYPE, MessageHeaders.contentType(task));
		DownloadTask traced = (traceId != null) ? task.toBuilder().setTraceId(traceId).build() : task;
		return new OutgoingTask(traced, headers, observation);
	}

	/**
	 * Start the publish observation for a report about a task ({@code JobStatus},
	 * {@code DeadLetterTask}), as a child of the current observation (normally the task's
	 * scope), so the report's headers carry the task's trace context too.
	 * @param report the report message
	 * @param task the task it is about
	 * @return the report, the headers to attach ({@code job_id}, {@code resource_id},
	 * {@code content-type} and the trace context) and the observation to stop once sent
	 */
	public OutgoingReport prepareReport(com.google.protobuf.Message report, DownloadTask task) {
		String messageType = report.getDescriptorForType().getName();
		TaskPublishContext context = new TaskPublishContext(task.getJobId(), task.getJobType(), task.getResourceId(),
				task.getTenant(), messageType);
		Observation observation = JobObservationDocumentation.TASK_PUBLISH.observation(this.convention,
				DefaultTaskPublishObservationConvention.INSTANCE, () -> context, this.registry);
		start(observation, task.getTenant());
		var headers = context.getCarrier();
		headers.put(MessageHeaders.JOB_ID, task.getJobId());
		headers.put(MessageHeaders.RESOURCE_ID, task.getResourceId());
		headers.put(MessageHeaders.CONTENT_TYPE, MessageHeaders.contentType(report));
		return new OutgoingReport(report, headers, observation);
	}

	private @Nullable String start(Observation observation, String tenant) {
		try (BaggageInScope baggage = tenantBaggage(tenant)) {
			// The sender handler injects the headers when the observation starts; the
			// baggage must be in scope by then.
			observation.start();
			try (Observation.Scope scope = observation.openScope()) {
				return currentTraceId();
			}
		}
	}

	private BaggageInScope tenantBaggage(String tenant) {
		if (tenant.isEmpty()) {
			return BaggageInScope.NOOP;
		}
		return this.tracer.createBaggageInScope(CorrelationKeys.TENANT, tenant);
	}

	private @Nullable String currentTraceId() {
		Span span = this.tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return null;
		}
		return span.context().traceId();
	}

}
