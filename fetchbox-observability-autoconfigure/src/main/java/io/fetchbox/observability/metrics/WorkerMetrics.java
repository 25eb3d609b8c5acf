package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.jobs.TaskOutcome;

/**
 * Meters of a download worker: tasks (in flight, processed, duration, retries),
 * downloads, storage failures and dead letters (the {@link MeterFamily#WORKER worker}
 * family), and proxy failures (the {@link MeterFamily#PROXY proxy} family), each
 * registered once the service uses it.
 *
 * <pre class="code">
 * WorkerMetrics.Task task = workerMetrics.startTask(jobType, traceparent != null);
 * try {
 *     // download, upload
 *     task.complete(TaskOutcome.SUCCEEDED);
 * }
 * catch (Exception ex) {
 *     task.complete(TaskOutcome.RETRIED);
 * }
 * </pre>
 *
 * Job types and pool names come from messages and configuration: they are normalised
 * ({@code [a-z0-9_.-]}, lowercase) and bounded (after 100 distinct job types or 50 pools,
 * new ones are tagged {@code other}).
 *
 * @since 0.1.0
 */
public class WorkerMetrics extends MeterFamilyRecorderSupport {

	private final BoundedTagValues jobTypes = new BoundedTagValues(100);

	private final BoundedTagValues pools = new BoundedTagValues(50);

	private final AtomicInteger inflight = new AtomicInteger();

	private final FamilyExport worker;

	private final CounterFamily<TaskKey> tasks;

	private final TimerFamily<DurationKey> taskDuration;

	private final CounterFamily<String> retries;

	private final TimerFamily<String> downloadLatency;

	private final CounterFamily<DownloadFailureCode> downloadFailures;

	private final CounterFamily<StorageFailureCode> storageFailures;

	private final CounterFamily<String> deadLetters;

	private final CounterFamily<String> proxyFailures;

	public WorkerMetrics() {
		super(MeterFamily.WORKER, MeterFamily.PROXY);
		this.worker = export(MeterFamily.WORKER);
		this.worker.add((registry) -> this.worker
			.registered(FetchboxMeter.WORKER_TASKS_INFLIGHT.gauge(this.inflight, AtomicInteger::doubleValue)
				.register(registry)));
		this.tasks = new CounterFamily<>(this.worker, FetchboxMeter.WORKER_TASKS,
				(key) -> Tags.of("job_type", key.jobType(), "outcome", key.outcome().tagValue(), "trace",
						key.tracePresent() ? "present" : "missing"));
		this.taskDuration = new TimerFamily<>(this.worker, FetchboxMeter.WORKER_TASK_DURATION,
				(key) -> Tags.of("job_type", key.jobType(), "outcome", key.outcome().tagValue()));
		this.retries = new CounterFamily<>(this.worker, FetchboxMeter.WORKER_RETRIES,
				(jobType) -> Tags.of("job_type", jobType));
		this.downloadLatency = TimerFamily.single(this.worker, FetchboxMeter.WORKER_DOWNLOAD_LATENCY).showOnExport("");
		this.downloadFailures = new CounterFamily<>(this.worker, FetchboxMeter.WORKER_DOWNLOAD_FAILURES,
				(code) -> Tags.of("code", code.tagValue()));
		this.storageFailures = new CounterFamily<>(this.worker, FetchboxMeter.WORKER_STORAGE_FAILURES,
				(code) -> Tags.of("code", code.tagValue()));
		this.deadLetters = CounterFamily.single(this.worker, FetchboxMeter.WORKER_DLQ).showOnExport("");
		this.proxyFailures = new CounterFamily<>(export(MeterFamily.PROXY), FetchboxMeter.PROXY_FAILURES,
				(pool) -> Tags.of("pool", pool));
		// Closed sets show with 0 once the family is exported, so rate() and alerts
		// work at once. Job types are open: the task counter's zero baseline is the
		// "unknown" job type, with every outcome and trace value.
		for (DownloadFailureCode code : DownloadFailureCode.values()) {
			this.downloadFailures.showOnExport(code);
		}
		for (StorageFailureCode code : StorageFailureCode.values()) {
			this.storageFailures.showOnExport(code);
		}
		for (TaskOutcome outcome : TaskOutcome.values()) {
			this.tasks.showOnExport(new TaskKey(BoundedTagValues.UNKNOWN, outcome, true));
			this.tasks.showOnExport(new TaskKey(BoundedTagValues.UNKNOWN, outcome, false));
		}
	}

	/**
	 * A task starts: counts it in flight until {@link Task#complete} records its outcome
	 * and duration.
	 * @param jobType the task's job type
	 * @param tracePresent whether the task arrived with trace context
	 * @return the running task
	 */
	public Task startTask(@Nullable String jobType, boolean tracePresent) {
		this.worker.inUse();
		this.inflight.incrementAndGet();
		return new Task(jobType, tracePresent, System.nanoTime());
	}

	/**
	 * A task finished, timed by the caller (does not change the in-flight gauge; use
	 * {@link #startTask} for that).
	 * @param jobType the task's job type
	 * @param outcome the outcome
	 * @param tracePresent whether the task arrived with trace context
	 * @param duration time spent on the task
	 */
	public void taskCompleted(@Nullable String jobType, TaskOutcome outcome, boolean tracePresent, Duration duration) {
		String type = this.jobTypes.tagValue(jobType);
		this.tasks.increment(new TaskKey(type, outcome, tracePresent));
		this.taskDuration.record(new DurationKey(type, outcome), duration);
	}

	/**
	 * A failed task is scheduled for another attempt.
	 * @param jobType the task's job type
	 */
	public void taskRetried(@Nullable String jobType) {
		this.retries.increment(this.jobTypes.tagValue(jobType));
	}

	/**
	 * A resource was downloaded.
	 * @param latency time from the request to the last byte
	 */
	public void downloadSucceeded(Duration latency) {
		this.downloadLatency.record("", latency);
	}

	/**
	 * A download attempt failed.
	 * @param code why
	 */
	public void downloadFailed(DownloadFailureCode code) {
		this.downloadFailures.increment(code);
	}

	/**
	 * The worker downloads through a proxy pool: its failure counter shows at 0 from now
	 * on, so {@code rate()} and the proxy alert have a baseline before the first failure.
	 * @param pool the proxy pool's name
	 */
	public void proxyPoolConfigured(@Nullable String pool) {
		this.proxyFailures.add(this.pools.tagValue(pool), 0);
	}

	/**
	 * A download attempt failed because of its proxy.
	 * @param pool the proxy pool's name
	 */
	public void proxyFailed(@Nullable String pool) {
		this.proxyFailures.increment(this.pools.tagValue(pool));
	}

	/**
	 * An upload to object storage failed.
	 * @param code why
	 */
	public void storageFailed(StorageFailureCode code) {
		this.storageFailures.increment(code);
	}

	/**
	 * A task was published to the dead letter topic.
	 */
	public void deadLettered() {
		this.deadLetters.increment("");
	}

	/**
	 * Tasks in flight right now.
	 * @return the number of started, not yet completed tasks
	 */
	public int inflight() {
		return this.inflight.get();
	}

	private record TaskKey(String jobType, TaskOutcome outcome, boolean tracePresent) {
	}

	private record DurationKey(String jobType, TaskOutcome outcome) {
	}

	/**
	 * A task in flight, from {@link WorkerMetrics#startTask}.
	 */
	public final class Task {

		private final @Nullable String jobType;

		private final boolean tracePresent;

		private final long startNanos;

		private final AtomicBoolean completed = new AtomicBoolean();

		private Task(@Nullable String jobType, boolean tracePresent, long startNanos) {
			this.jobType = jobType;
			this.tracePresent = tracePresent;
			this.startNanos = startNanos;
		}

		/**
		 * The task is done: leaves the in-flight gauge, counts the outcome and records
		 * the duration. Only the first call counts.
		 * @param outcome the outcome
		 */
		public void complete(TaskOutcome outcome) {
			if (this.completed.compareAndSet(false, true)) {
				WorkerMetrics.this.inflight.decrementAndGet();
				taskCompleted(this.jobType, outcome, this.tracePresent,
						Duration.ofNanos(System.nanoTime() - this.startNanos));
			}
		}

	}

}
