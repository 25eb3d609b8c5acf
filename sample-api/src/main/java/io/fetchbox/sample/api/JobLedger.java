package io.fetchbox.sample.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.fetchbox.observability.messages.JobProgress;
import io.fetchbox.observability.messages.JobProgress.ResourceOutcome;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;

/**
 * The job ledger: one row per job and one per resource, in any JDBC database. Resource
 * outcomes are applied at most once, so redelivered status messages are recognised
 * (idempotency hits) and the job counts stay exact. Status messages are folded by the
 * rules of {@link JobProgress} (which {@code fetchbox-iggy-cli tail-status} uses), for
 * the job's own resources.
 */
class JobLedger {

	private static final int MAX_MESSAGE = 1024;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JobLedger(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	void create(NewJob job) {
		Timestamp now = Timestamp.from(Instant.now());
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc
				.sql("INSERT INTO jobs (job_id, job_type, tenant, state, resources_total, created_at, updated_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(job.jobId(), job.jobType(), job.tenant(), JobState.JOB_STATE_QUEUED.name(),
						job.resources().size(), now, now)
				.update();
			for (NewJob.Resource resource : job.resources()) {
				this.jdbc
					.sql("INSERT INTO job_resources (job_id, resource_id, url, state, updated_at) "
							+ "VALUES (?, ?, ?, 'PENDING', ?)")
					.params(job.jobId(), resource.resourceId(), resource.url(), now)
					.update();
			}
		});
	}

	Optional<JobSnapshot> find(String jobId) {
		return this.jdbc
			.sql("SELECT job_id, job_type, tenant, state, resources_total, resources_completed, resources_failed, "
					+ "last_error_code, last_error_message FROM jobs WHERE job_id = ?")
			.param(jobId)
			.query((rs, row) -> new JobSnapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9)))
			.optional();
	}

	void markFailed(String jobId, String code, String message) {
		this.jdbc
			.sql("UPDATE jobs SET state = ?, last_error_code = ?, last_error_message = ?, updated_at = ? "
					+ "WHERE job_id = ?")
			.params(JobState.JOB_STATE_FAILED.name(), code, truncate(message), Timestamp.from(Instant.now()), jobId)
			.update();
	}

	/**
	 * Apply one status message from a worker.
	 * @param status the status
	 * @param resourceId the resource it reports on ({@code resource_id} header), or
	 * {@code null} for a job-level update
	 * @return what happened
	 */
	Applied apply(JobStatus status, @Nullable String resourceId) {
		return this.transactions.execute((tx) -> {
			Timestamp now = Timestamp.from(Instant.now());
			// The same rules as JobProgress, which tail-status folds the topic with.
			boolean jobLevel = resourceId == null || resourceId.isEmpty();
			ResourceOutcome outcome = ResourceOutcome.of(status);
			if (jobLevel && status.getState() == JobState.JOB_STATE_QUEUED) {
				// The API's own announcement of a job this ledger already holds.
				return Applied.UNCHANGED;
			}
			if (jobLevel || outcome == ResourceOutcome.STARTED) {
				int updated = this.jdbc.sql("UPDATE jobs SET state = ?, updated_at = ? WHERE job_id = ? AND state = ?")
					.params(JobState.JOB_STATE_IN_PROGRESS.name(), now, status.getJobId(),
							JobState.JOB_STATE_QUEUED.name())
					.update();
				return (updated > 0) ? Applied.UPDATED : Applied.UNCHANGED;
			}
			boolean failed = outcome == ResourceOutcome.FAILED;
			int changed = this.jdbc
				.sql("UPDATE job_resources SET state = ?, error_code = ?, error_message = ?, updated_at = ? "
						+ "WHERE job_id = ? AND resource_id = ? AND state = 'PENDING'")
				.params(failed ? "FAILED" : "COMPLETED", failed ? status.getLastErrorCode() : null,
						failed ? truncate(status.getLastErrorMessage()) : null, now, status.getJobId(), resourceId)
				.update();
			if (changed == 0) {
				return exists(status.getJobId(), resourceId) ? Applied.DUPLICATE : Applied.UNKNOWN;
			}
			recount(status, failed, now);
			return Applied.APPLIED;
		});
	}

	private boolean exists(String jobId, String resourceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job_resources WHERE job_id = ? AND resource_id = ?")
			.params(jobId, resourceId)
			.query(Integer.class)
			.single() > 0;
	}

	private void recount(JobStatus status, boolean failed, Timestamp now) {
		String jobId = status.getJobId();
		int total = this.jdbc.sql("SELECT resources_total FROM jobs WHERE job_id = ?")
			.param(jobId)
			.query(Integer.class)
			.single();
		int completed = count(jobId, "COMPLETED");
		int failedCount = count(jobId, "FAILED");
		JobState state = JobProgress.state(total, completed, failedCount);
		if (failed) {
			this.jdbc
				.sql("UPDATE jobs SET state = ?, resources_completed = ?, resources_failed = ?, "
						+ "last_error_code = ?, last_error_message = ?, updated_at = ? WHERE job_id = ?")
				.params(state.name(), completed, failedCount, status.getLastErrorCode(),
						truncate(status.getLastErrorMessage()), now, jobId)
				.update();
		}
		else {
			this.jdbc
				.sql("UPDATE jobs SET state = ?, resources_completed = ?, resources_failed = ?, updated_at = ? "
						+ "WHERE job_id = ?")
				.params(state.name(), completed, failedCount, now, jobId)
				.update();
		}
	}

	private int count(String jobId, String state) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job_resources WHERE job_id = ? AND state = ?")
			.params(jobId, state)
			.query(Integer.class)
			.single();
	}

	private static String truncate(String message) {
		return (message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE) : message;
	}

	enum Applied {

		/** A resource outcome was applied for the first time. */
		APPLIED,

		/** The job changed (e.g. queued to in progress). */
		UPDATED,

		/** Nothing to change (e.g. a job already in progress). */
		UNCHANGED,

		/** The resource outcome was applied before: a redelivery. */
		DUPLICATE,

		/** The job or resource is not in this ledger. */
		UNKNOWN

	}

}
