package io.fetchbox.observability.messages;

import com.google.protobuf.Message;

/**
 * Names of the Iggy user headers FetchBox puts on its messages (PRODUCT.md section 2),
 * the one source for every producer and reader of the topics.
 *
 * @since 0.1.0
 */
public final class MessageHeaders {

	/** Job id header, on every message. */
	public static final String JOB_ID = "job_id";

	/**
	 * Resource id header, on status and dead-letter messages that report on one resource
	 * (lets the ledger apply each resource outcome once).
	 */
	public static final String RESOURCE_ID = "resource_id";

	/** Content type header. */
	public static final String CONTENT_TYPE = "content-type";

	/** W3C trace parent header. */
	public static final String TRACEPARENT = "traceparent";

	private MessageHeaders() {
	}

	/**
	 * Return the content type of a FetchBox protobuf message, for example
	 * {@code application/x-protobuf;type=fetchbox.jobs.DownloadTask}.
	 * @param message the message (or its default instance)
	 * @return the content type
	 */
	public static String contentType(Message message) {
		return "application/x-protobuf;type=" + message.getDescriptorForType().getFullName();
	}

}
