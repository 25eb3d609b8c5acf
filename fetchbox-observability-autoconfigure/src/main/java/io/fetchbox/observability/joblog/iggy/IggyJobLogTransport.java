package io.fetchbox.observability.joblog.iggy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.iggy.exception.IggyInvalidArgumentException;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyFailures;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.JobLogEncoder;
import io.fetchbox.observability.joblog.JobLogRecord;
import io.fetchbox.observability.joblog.JobLogTransport;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.MessageHeaders;
import io.fetchbox.observability.tracing.Traceparent;

/**
 * Sends job log batches to the {@code jobs.logs} topic through a
 * {@link SupervisedIggyClient}: key {@code job_id}, user headers {@code job_id},
 * {@code traceparent} (when the record has a trace) and {@code content-type}.
 *
 * @since 0.1.0
 */
public final class IggyJobLogTransport implements JobLogTransport {

	private final SupervisedIggyClient client;

	private final String streamName;

	private final String topicName;

	// Iggy SDK values, created on the first send: the transport is created while the
	// context refreshes, the SDK is loaded only once the client connects.
	private @Nullable Destination destination;

	private final JobLogEncoder.Session encoder = new JobLogEncoder.Session();

	/**
	 * Create a transport.
	 * @param client the client
	 * @param stream the stream name
	 * @param topic the logs topic name
	 */
	public IggyJobLogTransport(SupervisedIggyClient client, String stream, String topic) {
		this.client = client;
		this.streamName = stream;
		this.topicName = topic;
	}

	/**
	 * Content type header value of {@code JobLog} messages.
	 * @return the content type
	 */
	public static String contentType() {
		return Headers.CONTENT_TYPE;
	}

	@Override
	public boolean isReady() {
		return this.client.state().isUp();
	}

	@Override
	public CompletableFuture<Void> send(String jobId, List<JobLogRecord> records) {
		List<Message> messages = new ArrayList<>(records.size());
		// Records without a trace share one immutable header map per batch.
		Map<HeaderKey, HeaderValue> shared = Map.of(Headers.JOB_ID, HeaderValue.fromString(jobId),
				Headers.CONTENT_TYPE_KEY, Headers.CONTENT_TYPE_VALUE);
		long sharedLength = headersLength(shared);
		for (JobLogRecord record : records) {
			messages.add(toMessage(record, shared, sharedLength));
		}
		Partitioning key = Partitioning.messagesKey(jobId);
		Destination to = destination();
		return this.client.call("send jobs.logs",
				(sdk) -> sdk.messages().sendMessages(to.stream(), to.topic(), key, messages));
	}

	// Called on the pipeline's single sender thread.
	private Destination destination() {
		Destination to = this.destination;
		if (to == null) {
			to = new Destination(StreamId.of(this.streamName), TopicId.of(this.topicName));
			this.destination = to;
		}
		return to;
	}

	@Override
	public boolean isRetryable(Throwable failure) {
		Throwable cause = IggyFailures.unwrap(failure);
		if (cause instanceof IggyResourceNotFoundException) {
			return true; // the client provisions the topic again
		}
		if (cause instanceof IggyInvalidArgumentException) {
			return false; // e.g. a job id the SDK cannot use as a key or header
		}
		if (cause instanceof IggyServerException server) {
			// 4xxx: the batch itself is invalid (too large, bad headers...): retrying
			// cannot help.
			int code = server.getRawErrorCode();
			return code < 4000 || code >= 5000;
		}
		return true;
	}

	private Message toMessage(JobLogRecord record, Map<HeaderKey, HeaderValue> shared, long sharedLength) {
		byte[] payload = this.encoder.encode(record);
		Map<HeaderKey, HeaderValue> headers = shared;
		long headersLength = sharedLength;
		String traceparent = Traceparent.of(record.traceId(), record.spanId(), record.sampled());
		if (traceparent != null) {
			headers = new HashMap<>(shared);
			headers.put(Headers.TRACEPARENT, HeaderValue.fromString(traceparent));
			headersLength = headersLength(headers);
		}
		// Built directly with its final header length: Message.withUserHeaders would
		// copy the message and measure the headers again.
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.valueOf(record.timestampMs() * 1000), headersLength, (long) payload.length,
				BigInteger.ZERO);
		return new Message(header, payload, headers);
	}

	/** Wire size of user headers, as the SDK computes it (kind and length prefixes). */
	private static long headersLength(Map<HeaderKey, HeaderValue> headers) {
		long size = 0;
		for (Map.Entry<HeaderKey, HeaderValue> entry : headers.entrySet()) {
			size += 1L + 4L + entry.getKey().value().length + 1L + 4L + entry.getValue().value().length;
		}
		return size;
	}

	private record Destination(StreamId stream, TopicId topic) {
	}

	/**
	 * Header names and values (the SDK's and the message descriptor's classes), loaded on
	 * first use.
	 */
	private static final class Headers {

		static final HeaderKey JOB_ID = HeaderKey.fromString(MessageHeaders.JOB_ID);

		static final HeaderKey TRACEPARENT = HeaderKey.fromString(MessageHeaders.TRACEPARENT);

		static final HeaderKey CONTENT_TYPE_KEY = HeaderKey.fromString(MessageHeaders.CONTENT_TYPE);

		static final String CONTENT_TYPE = MessageHeaders.contentType(JobLog.getDefaultInstance());

		static final HeaderValue CONTENT_TYPE_VALUE = HeaderValue.fromString(CONTENT_TYPE);

	}

}
