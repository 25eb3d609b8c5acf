package io.fetchbox.observability.jobs;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link JobScope} around work done for a job, from any code: a request handler,
 * a scheduled method, an {@code @Async} method, a task on an executor. Auto-configured.
 *
 * <pre class="code">
 * try (JobScope scope = jobScopes.open(JobContext.of(jobId).jobType("report").tenant(tenant))) {
 *     buildReport();
 *     scope.success();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class JobScopes {

	private final ObservationRegistry registry;

	private final Tracer tracer;

	private final @Nullable JobScopeObservationConvention convention;

	private final List<JobScopeListener> listeners;

	private final AtomicInteger inflight = new AtomicInteger();

	/**
	 * Create a new instance.
	 * @param registry the observation registry
	 * @param tracer the tracer, to tell whether a trace is current ({@link Tracer#NOOP}
	 * when tracing is off)
	 * @param convention a custom convention, or {@code null} for the default one
	 * @param listeners listeners notified when scopes open and close
	 */
	public JobScopes(ObservationRegistry registry, Tracer tracer, @Nullable JobScopeObservationConvention convention,
			List<JobScopeListener> listeners) {
		this.registry = registry;
		this.tracer = tracer;
		this.convention = convention;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Open a scope for the job on the calling thread: put the job fields into MDC, start
	 * the {@code job} observation as a child of the current observation or span (a new
	 * trace when there is none) and make it current. Close the scope on the same thread.
	 * @param job the job
	 * @return the open scope
	 */
	public JobScope open(JobContext job) {
		JobScopeContext context = new JobScopeContext(job, isTraceCurrent());
		Observation observation = JobObservationDocumentation.JOB.observation(this.convention,
				DefaultJobScopeObservationConvention.INSTANCE, () -> context, this.registry);
		return new JobScope("job scope", observation, job, context.isTracePresent(), false, context.result(),
				this.inflight, this.listeners);
	}

	/**
	 * Return the number of scopes open right now, task scopes included.
	 * @return the open scope count
	 */
	public int inflight() {
		return this.inflight.get();
	}

	/**
	 * Whether the thread is inside a trace: a span is current (the current observation's,
	 * or one restored by context propagation).
	 */
	boolean isTraceCurrent() {
		return this.tracer.currentSpan() != null;
	}

	/**
	 * Open the scope of a task message: same mechanism, with an observation built by the
	 * caller around the message's trace context.
	 */
	JobScope openTask(Observation observation, JobContext job, boolean tracePresent, ScopeOutcome result) {
		return new JobScope("task", observation, job, tracePresent, true, result, this.inflight, this.listeners);
	}

	ObservationRegistry registry() {
		return this.registry;
	}

}
