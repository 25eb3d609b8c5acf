package io.fetchbox.observability.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * {@link SenderContext} of the {@code task.publish} observation. The carrier is a mutable
 * header map (Iggy's {@code Message} is an immutable record), into which Boot's
 * propagating sender handler writes {@code traceparent}, {@code tracestate} and
 * {@code baggage}; the map is attached to the message when it is built.
 *
 * @since 0.1.0
 */
public class TaskPublishContext extends SenderContext<Map<String, String>> {

	private final String jobId;

	private final String jobType;

	private final String resourceId;

	private final String tenant;

	private final String messageType;

	/**
	 * Create a new context for a {@code DownloadTask} with an empty header map as
	 * carrier.
	 * @param jobId the job id
	 * @param jobType the job type
	 * @param resourceId the resource id
	 * @param tenant the tenant
	 */
	public TaskPublishContext(String jobId, String jobType, String resourceId, String tenant) {
		this(jobId, jobType, resourceId, tenant, "DownloadTask");
	}

	/**
	 * Create a new context with an empty header map as carrier.
	 * @param jobId the job id
	 * @param jobType the job type
	 * @param resourceId the resource id
	 * @param tenant the tenant
	 * @param messageType the protobuf message name ({@code DownloadTask},
	 * {@code JobStatus}, {@code DeadLetterTask})
	 */
	public TaskPublishContext(String jobId, String jobType, String resourceId, String tenant, String messageType) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.jobId = jobId;
		this.jobType = jobType;
		this.resourceId = resourceId;
		this.tenant = tenant;
		this.messageType = messageType;
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("iggy");
	}

	/**
	 * Return the job id.
	 * @return the job id
	 */
	public String getJobId() {
		return this.jobId;
	}

	/**
	 * Return the job type.
	 * @return the job type
	 */
	public String getJobType() {
		return this.jobType;
	}

	/**
	 * Return the resource id.
	 * @return the resource id
	 */
	public String getResourceId() {
		return this.resourceId;
	}

	/**
	 * Return the protobuf message name.
	 * @return the message type
	 */
	public String getMessageType() {
		return this.messageType;
	}

	/**
	 * Return the tenant.
	 * @return the tenant
	 */
	public String getTenant() {
		return this.tenant;
	}

}
