package io.fetchbox.observability.messages;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job's state folded from its {@code jobs.status} messages, the way the job ledger
 * keeps it: a job-level message (no {@code resource_id} header) announces the job and its
 * {@code resources_total} ({@code QUEUED}) or marks it started; a message about one
 * resource ({@code resource_id} header) with {@code resources_completed} or
 * {@code resources_failed} set is that resource's outcome, counted once (a redelivered or
 * repeated outcome is a duplicate); the last counted failure is the job's last error. The
 * state follows from the counts: {@code IN_PROGRESS} until every resource has an outcome,
 * then {@code COMPLETED}, {@code PARTIAL} or {@code FAILED}. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class JobProgress {

	private final Map<String, Boolean> outcomes = new HashMap<>();

	private JobState state = JobState.JOB_STATE_UNKNOWN;

	private int total;

	private int completed;

	private int failed;

	private String lastErrorCode = "";

	private String lastErrorMessage = "";

	/**
	 * Apply one status message.
	 * @param status the message
	 * @param resourceId its {@code resource_id} header, or {@code null} for a job-level
	 * message
	 * @return what the message did
	 */
	public Change apply(JobStatus status, @Nullable String resourceId) {
		boolean jobLevel = resourceId == null || resourceId.isEmpty();
		if (jobLevel && status.getResourcesTotal() > 0) {
			this.total = status.getResourcesTotal();
		}
		ResourceOutcome outcome = ResourceOutcome.of(status);
		if (jobLevel && status.getState() == JobState.JOB_STATE_QUEUED) {
			if (this.state == JobState.JOB_STATE_UNKNOWN) {
				this.state = JobState.JOB_STATE_QUEUED;
			}
			else if (this.state == JobState.JOB_STATE_IN_PROGRESS) {
				this.state = state(this.total, this.completed, this.failed, this.total);
			}
			return Change.ANNOUNCED;
		}
		if (jobLevel || outcome == ResourceOutcome.STARTED) {
			if (this.state == JobState.JOB_STATE_UNKNOWN || this.state == JobState.JOB_STATE_QUEUED) {
				this.state = JobState.JOB_STATE_IN_PROGRESS;
			}
			return Change.STARTED;
		}
		if (this.outcomes.putIfAbsent(resourceId, outcome == ResourceOutcome.FAILED) != null) {
			return Change.DUPLICATE;
		}
		if (outcome == ResourceOutcome.FAILED) {
			this.failed++;
			this.lastErrorCode = status.getLastErrorCode();
			this.lastErrorMessage = status.getLastErrorMessage();
		}
		else {
			this.completed++;
		}
		this.state = state(this.total, this.completed, this.failed, this.total);
		return Change.COUNTED;
	}

	/**
	 * Return the job's state from its counts, as the ledger computes it.
	 * @param total number of resources of the job
	 * @param completed resources stored
	 * @param failed resources that failed for good
	 * @return {@code IN_PROGRESS} until every resource has an outcome, then
	 * {@code COMPLETED}, {@code PARTIAL} or {@code FAILED}
	 */
	public static JobState state(int total, int completed, int failed) {
		if (completed + failed < total) {
			return JobState.JOB_STATE_IN_PROGRESS;
		}
		if (failed == 0) {
			return JobState.JOB_STATE_COMPLETED;
		}
		return (completed == 0) ? JobState.JOB_STATE_FAILED : JobState.JOB_STATE_PARTIAL;
	}

	// Without a known total (no announcement read), outcomes never make the job final.
	private static JobState state(int total, int completed, int failed, int knownTotal) {
		return (knownTotal > 0) ? state(total, completed, failed) : JobState.JOB_STATE_IN_PROGRESS;
	}

	/**
	 * Return the job's state: {@code UNKNOWN} before any message.
	 * @return the state
	 */
	public JobState state() {
		return this.state;
	}

	/**
	 * Return the number of resources, {@code 0} while unknown.
	 * @return the total
	 */
	public int total() {
		return this.total;
	}

	/**
	 * Return the number of resources stored.
	 * @return the completed count
	 */
	public int completed() {
		return this.completed;
	}

	/**
	 * Return the number of resources that failed for good.
	 * @return the failed count
	 */
	public int failed() {
		return this.failed;
	}

	/**
	 * Return the failure code of the last counted failure.
	 * @return the code, empty when none
	 */
	public String lastErrorCode() {
		return this.lastErrorCode;
	}

	/**
	 * Return the message of the last counted failure.
	 * @return the message, empty when none
	 */
	public String lastErrorMessage() {
		return this.lastErrorMessage;
	}

	/**
	 * What one status message says about one resource.
	 */
	public enum ResourceOutcome {

		/** Work on the resource started (no count set). */
		STARTED,

		/** The resource was stored ({@code resources_completed} set). */
		COMPLETED,

		/** The resource failed for good ({@code resources_failed} set). */
		FAILED;

		/**
		 * Read the outcome a status message reports.
		 * @param status the message
		 * @return the outcome
		 */
		public static ResourceOutcome of(JobStatus status) {
			if (status.getResourcesFailed() > 0) {
				return FAILED;
			}
			return (status.getResourcesCompleted() > 0) ? COMPLETED : STARTED;
		}

	}

	/**
	 * What applying a message did.
	 */
	public enum Change {

		/** A job-level {@code QUEUED} message: the job and its total. */
		ANNOUNCED,

		/** The job (or a resource) started; no count changed. */
		STARTED,

		/** A resource outcome, counted. */
		COUNTED,

		/** A resource outcome already counted: not counted again. */
		DUPLICATE

	}

}
