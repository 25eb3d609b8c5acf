package io.fetchbox.observability.jobs.iggy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderKind;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;

import io.fetchbox.observability.messages.MessageHeaders;

/**
 * Conversion between FetchBox protobuf messages with string headers and Iggy
 * {@link Message}s.
 *
 * @since 0.1.0
 */
public final class JobMessages {

	// Iggy limits a header value to 1..255 bytes.
	private static final int MAX_HEADER_VALUE_BYTES = 255;

	private JobMessages() {
	}

	/**
	 * Build an Iggy message from a protobuf payload and string user headers;
	 * {@code content-type} and {@code job_id} are added when absent. Headers that Iggy
	 * cannot carry (empty, or longer than 255 bytes) are left out.
	 * @param payload the protobuf message
	 * @param jobId the job id
	 * @param headers extra headers (e.g. the trace context)
	 * @return the Iggy message
	 */
	public static Message message(com.google.protobuf.Message payload, String jobId, Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putIfAbsent(MessageHeaders.JOB_ID, jobId);
		all.putIfAbsent(MessageHeaders.CONTENT_TYPE, MessageHeaders.contentType(payload));
		Map<HeaderKey, HeaderValue> userHeaders = new LinkedHashMap<>();
		all.forEach((name, value) -> {
			int size = value.getBytes(StandardCharsets.UTF_8).length;
			if (!name.isBlank() && !value.isBlank() && size <= MAX_HEADER_VALUE_BYTES) {
				userHeaders.put(HeaderKey.fromString(name), HeaderValue.fromString(value));
			}
		});
		byte[] bytes = payload.toByteArray();
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.ZERO, 0L, (long) bytes.length, BigInteger.ZERO);
		// withUserHeaders recomputes the header length field.
		return new Message(header, bytes, Map.of()).withUserHeaders(userHeaders);
	}

	/**
	 * Return the string-valued user headers of a message.
	 * @param message the Iggy message
	 * @return the headers by name
	 */
	public static Map<String, String> stringHeaders(Message message) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (message.userHeaders() == null) {
			return headers;
		}
		message.userHeaders().forEach((key, value) -> {
			if (key.kind() == HeaderKind.String && value.kind() == HeaderKind.String) {
				headers.put(new String(key.value(), StandardCharsets.UTF_8),
						new String(value.value(), StandardCharsets.UTF_8));
			}
		});
		return headers;
	}

}
