package io.fetchbox.observability.metrics;

import org.springframework.util.Assert;

/**
 * Meters of the job ledger: snapshots created and updated, job logs written, idempotency
 * hits and misses, and what retention pruned. They form the {@link MeterFamily#LEDGER
 * ledger} family: registered (all at 0) once the service uses it.
 *
 * @since 0.1.0
 */
public class LedgerMetrics extends MeterFamilyRecorderSupport {

	private final CounterFamily<String> jobsCreated = single(FetchboxMeter.LEDGER_JOBS_CREATED);

	private final CounterFamily<String> jobsUpdated = single(FetchboxMeter.LEDGER_JOBS_UPDATED);

	private final CounterFamily<String> logsWritten = single(FetchboxMeter.LEDGER_LOGS_WRITTEN);

	private final CounterFamily<String> idempotencyHits = single(FetchboxMeter.LEDGER_IDEMPOTENCY_HITS);

	private final CounterFamily<String> idempotencyMisses = single(FetchboxMeter.LEDGER_IDEMPOTENCY_MISSES);

	private final CounterFamily<String> prunedJobs = single(FetchboxMeter.LEDGER_PRUNED_JOBS);

	private final CounterFamily<String> prunedLogs = single(FetchboxMeter.LEDGER_PRUNED_LOGS);

	public LedgerMetrics() {
		super(MeterFamily.LEDGER);
	}

	/**
	 * A job snapshot was created.
	 */
	public void jobCreated() {
		this.jobsCreated.increment("");
	}

	/**
	 * A job snapshot was updated (state, progress, last error).
	 */
	public void jobUpdated() {
		this.jobsUpdated.increment("");
	}

	/**
	 * Job log records were written.
	 * @param records number of records
	 */
	public void logsWritten(int records) {
		Assert.isTrue(records >= 0, "'records' must not be negative");
		this.logsWritten.add("", records);
	}

	/**
	 * A submission's idempotency key was found: the earlier job is answered.
	 */
	public void idempotencyHit() {
		this.idempotencyHits.increment("");
	}

	/**
	 * A submission's idempotency key was new.
	 */
	public void idempotencyMiss() {
		this.idempotencyMisses.increment("");
	}

	/**
	 * Retention removed jobs and their log records.
	 * @param jobs number of jobs removed
	 * @param logs number of log records removed
	 */
	public void pruned(long jobs, long logs) {
		Assert.isTrue(jobs >= 0 && logs >= 0, "Pruned counts must not be negative");
		this.prunedJobs.add("", jobs);
		this.prunedLogs.add("", logs);
	}

	private CounterFamily<String> single(FetchboxMeter meter) {
		return CounterFamily.single(export(MeterFamily.LEDGER), meter).showOnExport("");
	}

}
