package io.fetchbox.observability.jobs;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The job a {@link JobScope} works for: its id and, when known, its type, tenant and the
 * resource being worked on. Immutable; each setter-like method returns a copy.
 *
 * <pre class="code">
 * JobContext.of(jobId).jobType("report").tenant("acme").resource("page-1")
 * </pre>
 *
 * @since 0.1.0
 */
public final class JobContext {

	private final String jobId;

	private final String jobType;

	private final String tenant;

	private final String resourceId;

	private JobContext(String jobId, String jobType, String tenant, String resourceId) {
		this.jobId = jobId;
		this.jobType = jobType;
		this.tenant = tenant;
		this.resourceId = resourceId;
	}

	/**
	 * Return a context for the given job.
	 * @param jobId the job id, not blank
	 * @return the context
	 * @throws IllegalArgumentException if the job id is {@code null} or blank
	 */
	public static JobContext of(String jobId) {
		if (jobId == null || jobId.isBlank()) {
			throw new IllegalArgumentException("'jobId' must not be blank");
		}
		return new JobContext(jobId, "", "", "");
	}

	/**
	 * A context from a message's fields, which may be empty (a task without a job id
	 * still runs, logged without one).
	 */
	static JobContext unchecked(String jobId, String jobType, String tenant, String resourceId) {
		return new JobContext(jobId, jobType, tenant, resourceId);
	}

	/**
	 * Return a copy with the given job type (the {@code job_type} log field and tag).
	 * @param jobType the job type, or {@code null} for none
	 * @return a new context
	 */
	public JobContext jobType(@Nullable String jobType) {
		return new JobContext(this.jobId, clean(jobType), this.tenant, this.resourceId);
	}

	/**
	 * Return a copy with the given tenant.
	 * @param tenant the tenant owning the job, or {@code null} for none
	 * @return a new context
	 */
	public JobContext tenant(@Nullable String tenant) {
		return new JobContext(this.jobId, this.jobType, clean(tenant), this.resourceId);
	}

	/**
	 * Return a copy with the given resource id.
	 * @param resourceId the resource worked on, or {@code null} for none
	 * @return a new context
	 */
	public JobContext resource(@Nullable String resourceId) {
		return new JobContext(this.jobId, this.jobType, this.tenant, clean(resourceId));
	}

	/**
	 * Return the job id.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

	/**
	 * Return the job type.
	 * @return the job type, empty when not set
	 */
	public String jobType() {
		return this.jobType;
	}

	/**
	 * Return the tenant.
	 * @return the tenant, empty when not set
	 */
	public String tenant() {
		return this.tenant;
	}

	/**
	 * Return the resource id.
	 * @return the resource id, empty when not set
	 */
	public String resourceId() {
		return this.resourceId;
	}

	private static String clean(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof JobContext that && this.jobId.equals(that.jobId) && this.jobType.equals(that.jobType)
				&& this.tenant.equals(that.tenant) && this.resourceId.equals(that.resourceId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.jobId, this.jobType, this.tenant, this.resourceId);
	}

	@Override
	public String toString() {
		return "JobContext[job_id=" + this.jobId + ", job_type=" + this.jobType + ", tenant=" + this.tenant
				+ ", resource_id=" + this.resourceId + "]";
	}

}
