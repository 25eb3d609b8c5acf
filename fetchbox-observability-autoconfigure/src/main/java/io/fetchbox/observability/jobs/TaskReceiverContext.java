package io.fetchbox.observability.jobs;

import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.DownloadTask;

/**
 * {@link ReceiverContext} of the {@code task} observation: the carrier is the task
 * message's user headers, read by Boot's propagating receiver handler to continue the
 * publisher's trace.
 *
 * @since 0.1.0
 */
public class TaskReceiverContext extends ReceiverContext<Map<String, String>> {

	private final DownloadTask task;

	private final boolean tracePresent;

	private final ScopeOutcome result = new ScopeOutcome();

	/**
	 * Create a new context.
	 * @param task the task being run
	 * @param headers the message's string user headers, including trace context when the
	 * publisher had one
	 * @param tracePresent whether the task continues a trace
	 */
	public TaskReceiverContext(DownloadTask task, Map<String, String> headers, boolean tracePresent) {
		super((carrier, key) -> carrier.get(key));
		this.task = task;
		this.tracePresent = tracePresent;
		setCarrier(headers);
		setRemoteServiceName("iggy");
	}

	/**
	 * Return the task being run.
	 * @return the task
	 */
	public DownloadTask getTask() {
		return this.task;
	}

	/**
	 * Return whether the task continued a trace: its headers, its
	 * {@code DownloadTask.trace_id}, or (without either) the trace current on the thread.
	 * @return whether trace context was present
	 */
	public boolean isTracePresent() {
		return this.tracePresent;
	}

	/**
	 * Return the outcome, once known.
	 * @return the outcome or {@code null} while the task runs
	 */
	public @Nullable TaskOutcome getOutcome() {
		return this.result.outcome();
	}

	/**
	 * Return the failure code of a failed task.
	 * @return the failure code or {@code null}
	 */
	public @Nullable String getFailureCode() {
		return this.result.failureCode();
	}

	ScopeOutcome result() {
		return this.result;
	}

}
