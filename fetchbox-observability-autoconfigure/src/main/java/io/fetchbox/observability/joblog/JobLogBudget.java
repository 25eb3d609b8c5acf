package io.fetchbox.observability.joblog;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The budget and eviction bookkeeping of a {@link JobLogPipeline}: the two bounds
 * (records and estimated bytes) that every record not yet acknowledged counts against,
 * reserved without a lock, and the choice of which buffered record a full buffer gives up
 * for a new one.
 * <p>
 * A superclass rather than a field of the pipeline so that the lock-free {@code offer}
 * path reads these counters from the pipeline object itself: no extra indirection on the
 * hot path.
 */
abstract class JobLogBudget {

	final JobLogSettings settings;

	final ReentrantLock lock = new ReentrantLock();

	/** Jobs with buffered or in-flight records, oldest first. Guarded by lock. */
	final LinkedHashMap<String, JobQueue> jobs = new LinkedHashMap<>();

	/**
	 * Records not yet acknowledged (in the inbox, queued, in flight or waiting for a
	 * retry). Reserved by the pipeline's {@code offer} without the lock.
	 */
	final AtomicInteger records = new AtomicInteger();

	/** Estimated bytes of {@link #records}. */
	final AtomicLong bytes = new AtomicLong();

	/** Records and bytes in flight. Guarded by lock. */
	int inFlightRecords;

	long inFlightBytes;

	/** Buffered (not in flight) records below WARN, the first candidates to evict. */
	int evictableBelowWarn;

	JobLogBudget(JobLogSettings settings) {
		this.settings = settings;
	}

	/**
	 * Reserve room for a record in both budgets, without a lock.
	 * @return the records reserved including this one, or 0 when it does not fit
	 */
	final int reserve(JobLogRecord record, int recordLimit) {
		int current;
		do {
			current = this.records.get();
			if (current >= recordLimit) {
				return 0;
			}
		}
		while (!this.records.compareAndSet(current, current + 1));
		long size = record.estimatedBytes();
		long currentBytes;
		do {
			currentBytes = this.bytes.get();
			if (currentBytes + size > this.settings.maxQueueBytes()) {
				this.records.decrementAndGet();
				return 0;
			}
		}
		while (!this.bytes.compareAndSet(currentBytes, currentBytes + size));
		return current + 1;
	}

	final void release(JobLogRecord record) {
		this.records.decrementAndGet();
		this.bytes.addAndGet(-record.estimatedBytes());
	}

	/**
	 * Evict one buffered record to make room for {@code incoming}, if the policy allows
	 * (lock held).
	 * @return whether a record was evicted
	 */
	final boolean evictFor(JobLogRecord incoming) {
		boolean evictOld = incoming.isUrgent() || this.settings.dropPolicy() == DropPolicy.DROP_OLDEST;
		if (!evictOld) {
			return false;
		}
		if (this.evictableBelowWarn > 0 && evictOldest(false)) {
			return true;
		}
		// Only WARN and ERROR left: an urgent record may still replace the oldest one.
		return incoming.isUrgent() && this.settings.dropPolicy() == DropPolicy.DROP_OLDEST && evictOldest(true);
	}

	private boolean evictOldest(boolean includeUrgent) {
		for (Iterator<JobQueue> jobIterator = this.jobs.values().iterator(); jobIterator.hasNext();) {
			JobQueue job = jobIterator.next();
			for (Iterator<JobLogRecord> iterator = job.pending.iterator(); iterator.hasNext();) {
				JobLogRecord candidate = iterator.next();
				if (includeUrgent || !candidate.isUrgent()) {
					iterator.remove();
					release(candidate);
					if (!candidate.isUrgent()) {
						this.evictableBelowWarn--;
					}
					if (job.pending.isEmpty() && !job.inFlight) {
						jobIterator.remove();
					}
					return true;
				}
			}
		}
		return false;
	}

	static final class JobQueue {

		final String jobId;

		final ArrayDeque<JobLogRecord> pending = new ArrayDeque<>();

		boolean inFlight;

		boolean urgent;

		long firstQueuedNanos;

		long notBeforeNanos;

		JobQueue(String jobId) {
			this.jobId = jobId;
		}

	}

}
