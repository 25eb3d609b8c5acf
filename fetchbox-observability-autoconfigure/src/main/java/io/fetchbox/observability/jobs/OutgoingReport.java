package io.fetchbox.observability.jobs;

import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A report about a task ready to send ({@code JobStatus}, {@code DeadLetterTask}): the
 * message, the Iggy user headers to attach and the running publish observation.
 *
 * @param report the message to send
 * @param headers the string user headers to attach
 * @param observation the publish observation, stopped by {@link #sent(Throwable)}
 * @since 0.1.0
 */
public record OutgoingReport(com.google.protobuf.Message report, Map<String, String> headers, Observation observation) {

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
