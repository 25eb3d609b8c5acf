package io.fetchbox.observability.jobs;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.MessageHeaders;

/**
 * The worker side of the job observation API: opens a {@link TaskScope}, a
 * {@link JobScope} whose span continues the trace a {@code DownloadTask} message carries,
 * around each task.
 *
 * <pre class="code">
 * try (TaskScope scope = taskObservations.start(task, headers)) {
 *     download(task);
 *     scope.success();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class TaskObservations {

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JobScopes scopes;

	private final @Nullable TaskObservationConvention convention;

	private final AtomicInteger inflight = new AtomicInteger();

	/**
	 * Create a new instance.
	 * @param scopes the job scopes the task scopes are opened with (and whose listeners
	 * they notify)
	 * @param convention a custom convention, or {@code null} for the default one
	 */
	public TaskObservations(JobScopes scopes, @Nullable TaskObservationConvention convention) {
		this.scopes = scopes;
		this.convention = convention;
	}

	/**
	 * Open the {@code task} observation for a task as a child of the trace context it
	 * carries (or, when it carries none, of the thread's current trace), put the job
	 * context into MDC, and count the task as in flight. The scope is bound to the
	 * calling thread: close it on that thread.
	 * @param task the task
	 * @param headers the message's string user headers ({@code traceparent},
	 * {@code tracestate}, {@code baggage} are read from them)
	 * @return the open scope
	 */
	public TaskScope start(DownloadTask task, Map<String, String> headers) {
		Map<String, String> carrier = new HashMap<>(headers);
		boolean carried = carrier.containsKey(MessageHeaders.TRACEPARENT) || addTraceIdFallback(task, carrier);
		// A message without trace context continues the thread's current trace, if any.
		boolean tracePresent = carried || this.scopes.isTraceCurrent();
		TaskReceiverContext context = new TaskReceiverContext(task, carrier, tracePresent);
		Observation observation = JobObservationDocumentation.TASK.observation(this.convention,
				DefaultTaskObservationConvention.INSTANCE, () -> context, this.scopes.registry());
		JobContext job = JobContext.unchecked(task.getJobId(), task.getJobType(), task.getTenant(),
				task.getResourceId());
		this.inflight.incrementAndGet();
		try {
			return new TaskScope(this.scopes.openTask(observation, job, tracePresent, context.result()), task,
					this.inflight);
		}
		catch (RuntimeException ex) {
			this.inflight.decrementAndGet();
			throw ex;
		}
	}

	/**
	 * Return the number of tasks whose scope is open.
	 * @return the in-flight task count
	 */
	public int inflight() {
		return this.inflight.get();
	}

	/**
	 * For publishers that only set {@code DownloadTask.trace_id}: continue that trace.
	 * The publisher's span id is unknown, so the remote parent gets a fresh span id; the
	 * trace id, which is what correlates the job, is preserved.
	 */
	private static boolean addTraceIdFallback(DownloadTask task, Map<String, String> carrier) {
		String traceId = task.getTraceId();
		if (!TRACE_ID.matcher(traceId).matches() || INVALID_TRACE_ID.equals(traceId)) {
			return false;
		}
		byte[] spanId = new byte[8];
		RANDOM.nextBytes(spanId);
		spanId[0] |= 1;
		carrier.put(MessageHeaders.TRACEPARENT, "00-" + traceId + "-" + HexFormat.of().formatHex(spanId) + "-01");
		return true;
	}

}
