package io.fetchbox.observability.tail;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What to tail: one job's messages in one topic.
 *
 * @param topic topic name, e.g. {@code jobs.logs}
 * @param jobId the job id (the message key and the {@code job_id} header)
 * @param start where to start reading
 * @param follow whether to keep waiting for new messages once caught up
 * @param payloadJobId reads the job id from a payload, for messages produced without a
 * {@code job_id} header; {@code null} skips such messages
 * @since 0.1.0
 */
public record TailRequest(String topic, String jobId, TailStart start, boolean follow,
		@Nullable Function<byte[], @Nullable String> payloadJobId) {

	public TailRequest {
		if (jobId.isBlank()) {
			throw new IllegalArgumentException("'jobId' must not be blank");
		}
	}

}
