package io.fetchbox.observability.jobs;

import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.DownloadTask;

/**
 * A task ready to send: the message (with {@code trace_id}), the Iggy user headers to
 * attach ({@code job_id}, {@code content-type} and the trace context) and the running
 * {@code task.publish} observation.
 *
 * @param task the task to send
 * @param headers the string user headers to attach
 * @param observation the publish observation, stopped by {@link #sent(Throwable)}
 * @since 0.1.0
 */
public record OutgoingTask(DownloadTask task, Map<String, String> headers, Observation observation) {

	/**
	 * Stop the publish observation once the send completed.
	 * @param error the send failure, or {@code null} on success
	 */
	public void sent(@Nullable Throwable error) {
		if (error != null) {
			this.observation.error(error);
		}
		this.observation.stop();
	}

}
