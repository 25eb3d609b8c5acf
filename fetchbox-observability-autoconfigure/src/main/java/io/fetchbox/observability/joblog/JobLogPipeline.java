package io.fetchbox.observability.joblog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The job log pipeline: a bounded buffer of {@link JobLogRecord records} grouped per job,
 * drained by one sender thread into per-job batches.
 * <ul>
 * <li>{@link #offer} runs on the application thread: it never blocks on I/O and never
 * waits for the broker. While the record fits, it takes no lock: it reserves room with
 * two atomic counters and appends the record to a lock-free inbox, which the sender
 * drains into per-job queues (assigning the per-job sequence numbers in inbox order).
 * Only a record that does not fit and may replace an older one (WARN and above, or the
 * drop-oldest policy) takes the pipeline's lock to evict.</li>
 * <li>A job's records are sent in order, one batch in flight per job: when its oldest
 * record has waited {@code scheduleDelay}, when it holds {@code maxBatchSize} records,
 * when {@link #flush(String)} is called, and at once when a WARN or ERROR arrives (the
 * job's earlier records go first, in the same batch).</li>
 * <li>The budget counts every record not yet acknowledged, including those being sent and
 * those waiting for a retry. A failed batch goes back to the head of its job's queue with
 * the same sequence numbers, so a reader can drop duplicates of a retried send.</li>
 * <li>Every dropped record is counted by {@link DropReason reason}.</li>
 * </ul>
 * The budget and eviction bookkeeping live in {@link JobLogBudget}.
 *
 * @since 0.1.0
 */
public final class JobLogPipeline extends JobLogBudget implements JobLogFlusher, AutoCloseable {

	/** Name of the sender thread; the appender ignores events logged on it. */
	public static final String THREAD_NAME = "fetchbox-joblog-sender";

	private static final int MAX_IN_FLIGHT_BATCHES = 4;

	private static final int MAX_TRACKED_JOBS = 100_000;

	private final long scheduleDelayNanos;

	private final long scheduleDelayMillis;

	private final List<JobLogListener> listeners = new CopyOnWriteArrayList<>();

	private final Condition drained = this.lock.newCondition();

	/** Last sequence number per job, least recently used evicted. Guarded by lock. */
	private final LinkedHashMap<String, long[]> sequences = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
			return size() > MAX_TRACKED_JOBS;
		}

	};

	/**
	 * Records accepted by {@link #offer} but not yet moved to their job's queue. Many
	 * producers; one consumer at a time, the holder of the lock.
	 */
	private final ConcurrentLinkedQueue<JobLogRecord> inbox = new ConcurrentLinkedQueue<>();

	private int inFlightBatches;

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private final LongAdder sent = new LongAdder();

	private final LongAdder batches = new LongAdder();

	private final LongAdder failedBatches = new LongAdder();

	private volatile @Nullable String lastError;

	private volatile @Nullable JobLogTransport transport;

	private volatile @Nullable Thread sender;

	private volatile boolean draining;

	private volatile boolean closed;

	/**
	 * Create a pipeline. It buffers (up to {@code earlyBufferSize} records) until a
	 * transport is {@link #attach attached}.
	 * @param settings the settings
	 */
	public JobLogPipeline(JobLogSettings settings) {
		super(settings);
		this.scheduleDelayNanos = settings.scheduleDelay().toNanos();
		this.scheduleDelayMillis = settings.scheduleDelay().toMillis();
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	public JobLogSettings settings() {
		return this.settings;
	}

	/**
	 * Register a listener.
	 * @param listener the listener
	 */
	public void addListener(JobLogListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(JobLogListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Attach the transport and start the sender thread. Records buffered before are sent
	 * once the transport is ready.
	 * @param transport the transport
	 */
	public void attach(JobLogTransport transport) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("Job log pipeline is closed");
			}
			this.transport = transport;
			if (this.sender == null) {
				Thread thread = new Thread(this::run, THREAD_NAME);
				thread.setDaemon(true);
				this.sender = thread;
				thread.start();
			}
		}
		finally {
			this.lock.unlock();
		}
		wake();
	}

	/**
	 * Whether a transport is attached.
	 * @return whether attached
	 */
	public boolean isAttached() {
		return this.transport != null;
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return whether closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Accept a record, or drop it (counted) when it does not fit. Called on application
	 * threads; never blocks on I/O.
	 * @param record the record
	 * @return whether the record was accepted
	 */
	public boolean offer(JobLogRecord record) {
		if (this.closed) {
			notifyDropped(DropReason.SHUTDOWN, 1);
			return false;
		}
		if (record.jobId().length() > 255) {
			notifyDropped(DropReason.INVALID, 1);
			return false;
		}
		if (record.estimatedBytes() > this.settings.maxQueueBytes()) {
			notifyDropped(DropReason.TOO_LARGE, 1);
			return false;
		}
		boolean urgent = record.isUrgent();
		boolean early = this.transport == null;
		int recordLimit = early ? Math.min(this.settings.earlyBufferSize(), this.settings.maxQueueSize())
				: this.settings.maxQueueSize();
		int reserved = reserve(record, recordLimit);
		if (reserved > 0) {
			this.inbox.offer(record);
			if (this.closed && this.inbox.remove(record)) {
				// close() ran in between and did not see it: count it here, once.
				release(record);
				notifyDropped(DropReason.SHUTDOWN, 1);
				return false;
			}
			// Wake the sender for a WARN or ERROR, and once per batch-size worth of
			// records, not once per record: unparking costs a system call when the
			// sender sleeps, and it wakes on its own when the oldest record is due.
			if (urgent || reserved % this.settings.maxBatchSize() == 0) {
				wake();
			}
			return true;
		}
		if (!urgent && this.settings.dropPolicy() == DropPolicy.DROP_NEWEST) {
			notifyDropped(early ? DropReason.NOT_READY : DropReason.QUEUE_FULL, 1);
			return false;
		}
		return offerEvicting(record, recordLimit, early);
	}

	/**
	 * The slow path of {@link #offer}: the record does not fit but may replace older
	 * records (below WARN first).
	 */
	private boolean offerEvicting(JobLogRecord record, int recordLimit, boolean early) {
		int evicted = 0;
		boolean accepted = false;
		boolean signal = false;
		this.lock.lock();
		try {
			if (!this.closed) {
				// The oldest records may still be in the inbox.
				drainInbox();
				while (!accepted) {
					if (reserve(record, recordLimit) > 0) {
						accepted = true;
					}
					else if (evictFor(record)) {
						evicted++;
					}
					else {
						break;
					}
				}
				if (accepted) {
					signal = enqueue(record, System.nanoTime(), System.currentTimeMillis());
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (evicted > 0) {
			notifyDropped(DropReason.QUEUE_FULL, evicted);
		}
		if (!accepted) {
			notifyDropped(this.closed ? DropReason.SHUTDOWN : early ? DropReason.NOT_READY : DropReason.QUEUE_FULL, 1);
			return false;
		}
		if (signal) {
			wake();
		}
		return true;
	}

	/** Move the inbox into the per-job queues (lock held). */
	private void drainInbox() {
		JobLogRecord record = this.inbox.poll();
		if (record == null) {
			return;
		}
		long nowNanos = System.nanoTime();
		long nowMillis = System.currentTimeMillis();
		while (record != null) {
			enqueue(record, nowNanos, nowMillis);
			record = this.inbox.poll();
		}
	}

	/**
	 * Append an accepted record to its job's queue and number it (lock held).
	 * @return whether the job just became urgent or reached a full batch
	 */
	private boolean enqueue(JobLogRecord record, long nowNanos, long nowMillis) {
		JobQueue job = this.jobs.computeIfAbsent(record.jobId(), JobQueue::new);
		long[] seq = this.sequences.computeIfAbsent(record.jobId(), (id) -> new long[1]);
		record.assignSeq(++seq[0]);
		if (job.pending.isEmpty()) {
			// Its age counts from when it was logged: it may have waited in the inbox.
			long waitedMillis = Math.max(0, Math.min(nowMillis - record.timestampMs(), this.scheduleDelayMillis));
			job.firstQueuedNanos = nowNanos - TimeUnit.MILLISECONDS.toNanos(waitedMillis);
		}
		job.pending.addLast(record);
		if (!record.isUrgent()) {
			this.evictableBelowWarn++;
			return job.pending.size() == this.settings.maxBatchSize();
		}
		boolean becameUrgent = !job.urgent;
		job.urgent = true;
		return becameUrgent;
	}

	/**
	 * Cheap pre-check for the application thread, before a record is even built: when the
	 * buffer is full, the policy is drop-newest and the event is below WARN, count the
	 * drop and return {@code true}. Keeps a saturated pipeline from contending for the
	 * lock.
	 * @param urgent whether the event is WARN or above
	 * @return whether the event was dropped
	 */
	public boolean rejectIfFull(boolean urgent) {
		if (urgent || this.settings.dropPolicy() != DropPolicy.DROP_NEWEST || this.transport == null
				|| this.records.get() < this.settings.maxQueueSize()) {
			return false;
		}
		notifyDropped(DropReason.QUEUE_FULL, 1);
		return true;
	}

	@Override
	public void flush(String jobId) {
		boolean signal = false;
		this.lock.lock();
		try {
			drainInbox();
			JobQueue job = this.jobs.get(jobId);
			if (job != null && !job.pending.isEmpty()) {
				job.urgent = true;
				signal = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (signal) {
			wake();
		}
	}

	/**
	 * Send every job's buffered records without waiting for the flush interval.
	 */
	public void flushAll() {
		this.lock.lock();
		try {
			drainInbox();
			for (JobQueue job : this.jobs.values()) {
				job.urgent = !job.pending.isEmpty();
			}
		}
		finally {
			this.lock.unlock();
		}
		wake();
	}

	/**
	 * Send everything buffered and wait, up to the shutdown grace period, for the broker
	 * to acknowledge it; what is left is counted as dropped
	 * ({@link DropReason#SHUTDOWN}). Records offered afterwards are dropped the same way.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.draining = true;
		wake();
		long deadline = System.nanoTime() + this.settings.shutdownGracePeriod().toNanos();
		int lost;
		this.lock.lock();
		try {
			while (this.records.get() > 0 && this.transport != null) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				try {
					this.drained.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				wakeUnlocked();
			}
			this.closed = true;
			// Count exactly what is discarded: an offer racing with close() either
			// reached the inbox before this drain or removes and counts its record
			// itself.
			drainInbox();
			lost = this.inFlightRecords;
			long lostBytes = this.inFlightBytes;
			for (JobQueue job : this.jobs.values()) {
				for (JobLogRecord record : job.pending) {
					lost++;
					lostBytes += record.estimatedBytes();
				}
			}
			this.records.addAndGet(-lost);
			this.bytes.addAndGet(-lostBytes);
			this.evictableBelowWarn = 0;
			this.jobs.clear();
		}
		finally {
			this.lock.unlock();
		}
		if (lost > 0) {
			notifyDropped(DropReason.SHUTDOWN, lost);
		}
		Thread thread = this.sender;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/**
	 * A snapshot of the pipeline's state and counters.
	 * @return the state
	 */
	public JobLogPipelineState state() {
		int queued;
		long queuedBytes;
		int jobCount;
		this.lock.lock();
		try {
			drainInbox();
			jobCount = this.jobs.size();
		}
		finally {
			this.lock.unlock();
		}
		queued = this.records.get();
		queuedBytes = this.bytes.get();
		Map<String, Long> drops = new LinkedHashMap<>();
		this.dropped.forEach((reason, count) -> drops.put(reason.tag(), count.sum()));
		JobLogTransport current = this.transport;
		return new JobLogPipelineState(current != null, current != null && current.isReady(), this.closed, queued,
				queuedBytes, jobCount, this.sent.sum(), this.batches.sum(), this.failedBatches.sum(), drops,
				this.lastError);
	}

	/**
	 * Records not yet acknowledged (buffered, in flight or waiting for a retry).
	 * @return the count
	 */
	public int queuedRecords() {
		return this.records.get();
	}

	/**
	 * Estimated bytes not yet acknowledged.
	 * @return the bytes
	 */
	public long queuedBytes() {
		return this.bytes.get();
	}

	/**
	 * Records dropped for a reason, since creation.
	 * @param reason the reason
	 * @return the count
	 */
	public long dropped(DropReason reason) {
		return this.dropped.get(reason).sum();
	}

	/**
	 * Records delivered, since creation.
	 * @return the count
	 */
	public long sent() {
		return this.sent.sum();
	}

	/**
	 * Send requests acknowledged by the broker, since creation.
	 * @return the count
	 */
	public long batchesSent() {
		return this.batches.sum();
	}

	/**
	 * Send requests that failed (retried or not), since creation.
	 * @return the count
	 */
	public long batchesFailed() {
		return this.failedBatches.sum();
	}

	// ---- sender thread ----

	private void run() {
		while (!this.closed) {
			long waitNanos;
			try {
				waitNanos = dispatch();
			}
			catch (RuntimeException ex) {
				this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
				waitNanos = this.scheduleDelayNanos;
			}
			if (!this.closed) {
				LockSupport.parkNanos(this, waitNanos);
			}
		}
	}

	/**
	 * Send every due batch that may go now.
	 * @return nanoseconds until the next batch is due
	 */
	private long dispatch() {
		JobLogTransport current = this.transport;
		if (current == null) {
			return this.scheduleDelayNanos;
		}
		if (!current.isReady()) {
			// Keep everything buffered; the client reconnects in the background.
			return Math.min(this.scheduleDelayNanos, TimeUnit.MILLISECONDS.toNanos(50));
		}
		List<Batch> due = new ArrayList<>();
		long next = this.scheduleDelayNanos;
		this.lock.lock();
		try {
			drainInbox();
			long now = System.nanoTime();
			for (Iterator<JobQueue> iterator = this.jobs.values().iterator(); iterator.hasNext();) {
				JobQueue job = iterator.next();
				if (job.pending.isEmpty()) {
					if (!job.inFlight) {
						iterator.remove();
					}
					continue;
				}
				if (job.inFlight) {
					continue;
				}
				if (now < job.notBeforeNanos) {
					next = Math.min(next, job.notBeforeNanos - now);
					continue;
				}
				long age = now - job.firstQueuedNanos;
				boolean isDue = this.draining || job.urgent || job.pending.size() >= this.settings.maxBatchSize()
						|| age >= this.scheduleDelayNanos;
				if (!isDue) {
					next = Math.min(next, this.scheduleDelayNanos - age);
					continue;
				}
				if (this.inFlightBatches >= MAX_IN_FLIGHT_BATCHES) {
					break;
				}
				due.add(take(job, now));
			}
		}
		finally {
			this.lock.unlock();
		}
		for (Batch batch : due) {
			send(current, batch);
		}
		return Math.max(TimeUnit.MILLISECONDS.toNanos(1), next);
	}

	private Batch take(JobQueue job, long now) {
		int size = Math.min(job.pending.size(), this.settings.maxBatchSize());
		List<JobLogRecord> taken = new ArrayList<>(size);
		long takenBytes = 0;
		for (int i = 0; i < size; i++) {
			JobLogRecord record = job.pending.pollFirst();
			taken.add(record);
			takenBytes += record.estimatedBytes();
			if (!record.isUrgent()) {
				this.evictableBelowWarn--;
			}
		}
		job.inFlight = true;
		this.inFlightBatches++;
		this.inFlightRecords += size;
		this.inFlightBytes += takenBytes;
		if (job.pending.isEmpty()) {
			job.urgent = false;
		}
		else {
			job.firstQueuedNanos = now;
		}
		return new Batch(job, taken, takenBytes);
	}

	private void send(JobLogTransport current, Batch batch) {
		long start = System.nanoTime();
		CompletableFuture<Void> result;
		try {
			result = current.send(batch.job.jobId, batch.records);
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((ignored, failure) -> completed(current, batch, failure, System.nanoTime() - start));
	}

	private void completed(JobLogTransport current, Batch batch, @Nullable Throwable failure, long latencyNanos) {
		int count = batch.records.size();
		boolean retry = failure != null && !this.closed && current.isRetryable(failure);
		this.lock.lock();
		try {
			batch.job.inFlight = false;
			this.inFlightBatches--;
			this.inFlightRecords -= count;
			this.inFlightBytes -= batch.bytes;
			if (this.closed) {
				return; // counted as shutdown drops already
			}
			if (failure == null || !retry) {
				this.records.addAndGet(-count);
				this.bytes.addAndGet(-batch.bytes);
				if (batch.job.pending.isEmpty()) {
					this.jobs.remove(batch.job.jobId);
				}
			}
			else {
				// Back to the head, same order and sequence numbers: nothing overtakes
				// them.
				for (int i = count - 1; i >= 0; i--) {
					JobLogRecord record = batch.records.get(i);
					batch.job.pending.addFirst(record);
					if (!record.isUrgent()) {
						this.evictableBelowWarn++;
					}
				}
				batch.job.firstQueuedNanos = System.nanoTime();
				batch.job.notBeforeNanos = System.nanoTime()
						+ Math.min(this.scheduleDelayNanos, TimeUnit.MILLISECONDS.toNanos(500));
				batch.job.urgent = true;
				if (!this.jobs.containsKey(batch.job.jobId)) {
					this.jobs.put(batch.job.jobId, batch.job);
				}
			}
			if (this.records.get() == 0) {
				this.drained.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (failure == null) {
			this.sent.add(count);
			this.batches.increment();
			Duration latency = Duration.ofNanos(latencyNanos);
			for (JobLogListener listener : this.listeners) {
				safely(() -> listener.batchSent(count, batch.bytes, latency));
			}
		}
		else {
			String description = describe(failure);
			this.lastError = description;
			this.failedBatches.increment();
			for (JobLogListener listener : this.listeners) {
				safely(() -> listener.batchFailed(count, description, retry));
			}
			if (!retry && !this.closed) {
				notifyDropped(DropReason.REJECTED, count);
			}
		}
		wake();
	}

	private void notifyDropped(DropReason reason, int count) {
		this.dropped.get(reason).add(count);
		for (JobLogListener listener : this.listeners) {
			safely(() -> listener.recordsDropped(reason, count));
		}
	}

	private void wake() {
		Thread thread = this.sender;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	private void wakeUnlocked() {
		wake();
	}

	private static void safely(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			// a listener must not break the pipeline
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
				|| cause instanceof java.util.concurrent.ExecutionException)) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		String text = cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

	private record Batch(JobQueue job, List<JobLogRecord> records, long bytes) {
	}

}
