package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.jobs.TaskOutcome;

/**
 * Meters of a download worker: tasks (in flight, processed, duration, retries),
 * downloads, storage and proxy failures, and dead letters.
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
public class WorkerMetrics implements MeterBinder {

	private final BoundedTagValues jobTypes = new BoundedTagValues(100);

	private final BoundedTagValues pools = new BoundedTagValues(50);

	private final AtomicInteger inflight = new AtomicInteger();

	private final CounterFamily<TaskKey> tasks = new CounterFamily<>(FetchboxMeter.WORKER_TASKS,
			(key) -> Tags.of("job_type", key.jobType(), "outcome", key.outcome().tagValue(), "trace",
					key.tracePresent() ? "present" : "missing"));

	private final TimerFamily<DurationKey> taskDuration = new TimerFamily<>(FetchboxMeter.WORKER_TASK_DURATION,
			(key) -> Tags.of("job_type", key.jobType(), "outcome", key.outcome().tagValue()));

	private final CounterFamily<String> retries = new CounterFamily<>(FetchboxMeter.WORKER_RETRIES,
			(jobType) -> Tags.of("job_type", jobType));

	private final TimerFamily<String> downloadLatency = TimerFamily.single(FetchboxMeter.WORKER_DOWNLOAD_LATENCY);

	private final CounterFamily<DownloadFailureCode> downloadFailures = new CounterFamily<>(
			FetchboxMeter.WORKER_DOWNLOAD_FAILURES, (code) -> Tags.of("code", code.tagValue()));

	private final CounterFamily<StorageFailureCode> storageFailures = new CounterFamily<>(
			FetchboxMeter.WORKER_STORAGE_FAILURES, (code) -> Tags.of("code", code.tagValue()));

	private final CounterFamily<String> proxyFailures = new CounterFamily<>(FetchboxMeter.PROXY_FAILURES,
			(pool) -> Tags.of("pool", pool));

	private final CounterFamily<String> deadLetters = CounterFamily.single(FetchboxMeter.WORKER_DLQ);

	public WorkerMetrics() {
		// Closed sets show with 0 from the start, so rate() and alerts work at once.
		for (DownloadFailureCode code : DownloadFailureCode.values()) {
			this.downloadFailures.add(code, 0);
		}
		for (StorageFailureCode code : StorageFailureCode.values()) {
			this.storageFailures.add(code, 0);
		}
		this.deadLetters.add("", 0);
	}

	/**
	 * A task starts: counts it in flight until {@link Task#complete} records its outcome
	 * and duration.
	 * @param jobType the task's job type
	 * @param tracePresent whether the task arrived with trace context
	 * @return the running task
	 */
	public Task startTask(@Nullable String jobType, boolean tracePresent) {
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

	@Override
	public void bindTo(MeterRegistry registry) {
		FetchboxMeter.WORKER_TASKS_INFLIGHT.gauge(this.inflight, AtomicInteger::doubleValue).register(registry);
		this.tasks.bindTo(registry);
		this.taskDuration.bindTo(registry);
		this.retries.bindTo(registry);
		this.downloadLatency.bindTo(registry);
		this.downloadLatency.register("");
		this.downloadFailures.bindTo(registry);
		this.storageFailures.bindTo(registry);
		this.proxyFailures.bindTo(registry);
		this.deadLetters.bindTo(registry);
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
