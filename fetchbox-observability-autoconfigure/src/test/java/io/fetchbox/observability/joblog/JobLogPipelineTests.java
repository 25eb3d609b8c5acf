package io.fetchbox.observability.joblog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.jobs.JobContext;
import io.fetchbox.observability.jobs.JobLogFlushingListener;
import io.fetchbox.observability.jobs.JobScope;
import io.fetchbox.observability.jobs.JobScopes;
import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batching, ordering and drop accounting of {@link JobLogPipeline} (no network).
 */
class JobLogPipelineTests {

	private static final Duration LONG = Duration.ofHours(1);

	private final RecordingTransport transport = new RecordingTransport();

	private JobLogPipeline pipeline;

	@AfterEach
	void close() {
		if (this.pipeline != null) {
			this.transport.ready = true;
			this.pipeline.close();
		}
	}

	@Test
	void batchesPerJobInOrderOnTheInterval() {
		start(settings(Duration.ofMillis(50), 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 3, LogLevel.LOG_LEVEL_INFO);
		offer("b", 2, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 5);
		assertThat(this.transport.batches).extracting(RecordingTransport.Sent::jobId)
			.containsExactlyInAnyOrder("a", "b");
		assertThat(this.transport.delivered("a")).extracting(JobLogRecord::message)
			.containsExactly("a-0", "a-1", "a-2");
		assertThat(this.transport.delivered("a")).extracting(JobLogRecord::seq).containsExactly(1L, 2L, 3L);
		assertThat(this.transport.delivered("b")).extracting(JobLogRecord::seq).containsExactly(1L, 2L);
		assertThat(this.pipeline.queuedRecords()).isZero();
		assertThat(this.pipeline.queuedBytes()).isZero();
	}

	@Test
	void fullBatchIsSentWithoutWaitingForTheInterval() {
		start(settings(LONG, 5, 100, DropPolicy.DROP_NEWEST));
		offer("a", 4, LogLevel.LOG_LEVEL_INFO);
		offer("a", 1, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 5);
		assertThat(this.transport.batches).hasSize(1);
	}

	@Test
	void warnFlushesTheJobAtOnceWithItsEarlierRecordsFirst() {
		start(settings(LONG, 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 2, LogLevel.LOG_LEVEL_INFO);
		offer("b", 2, LogLevel.LOG_LEVEL_INFO);
		this.pipeline.offer(record("a", "boom", LogLevel.LOG_LEVEL_WARN));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 3);
		assertThat(this.transport.batches).singleElement()
			.satisfies((batch) -> assertThat(batch.records()).extracting(JobLogRecord::message)
				.containsExactly("a-0", "a-1", "boom"));
		assertThat(this.pipeline.queuedRecords()).isEqualTo(2); // job b still waits
	}

	@Test
	void flushSendsOneJobNow() {
		start(settings(LONG, 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 2, LogLevel.LOG_LEVEL_INFO);
		offer("b", 1, LogLevel.LOG_LEVEL_INFO);
		this.pipeline.flush("b");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 1);
		assertThat(this.transport.delivered("b")).hasSize(1);
	}

	@Test
	void jobScopeEndFlushesItsJob() {
		start(settings(LONG, 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 2, LogLevel.LOG_LEVEL_INFO);
		offer("b", 1, LogLevel.LOG_LEVEL_INFO);
		JobScopes scopes = new JobScopes(ObservationRegistry.NOOP, Tracer.NOOP, null,
				List.of(new JobLogFlushingListener(this.pipeline)));
		try (JobScope scope = scopes.open(JobContext.of("a"))) {
			scope.success();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 2);
		assertThat(this.transport.delivered("a")).hasSize(2);
	}

	@Test
	void overflowWithDropNewestCountsExactlyWhatDidNotFit() {
		this.transport.ready = false;
		start(settings(Duration.ofMillis(20), 512, 10, DropPolicy.DROP_NEWEST));
		offer("a", 15, LogLevel.LOG_LEVEL_INFO);
		assertThat(this.pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo(5);
		this.transport.ready = true;
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 10);
		assertThat(this.transport.delivered()).extracting(JobLogRecord::message)
			.containsExactlyElementsOf(IntStream.range(0, 10).mapToObj((i) -> "a-" + i).toList());
		assertThat(this.pipeline.state().droppedRecords()).containsEntry("queue_full", 5L);
	}

	@Test
	void warnIsPreferredWhenFull() {
		this.transport.ready = false;
		start(settings(Duration.ofMillis(20), 512, 3, DropPolicy.DROP_NEWEST));
		offer("a", 3, LogLevel.LOG_LEVEL_INFO);
		assertThat(this.pipeline.offer(record("a", "warn", LogLevel.LOG_LEVEL_WARN))).isTrue();
		assertThat(this.pipeline.offer(record("a", "info", LogLevel.LOG_LEVEL_INFO))).isFalse();
		assertThat(this.pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
		this.transport.ready = true;
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 3);
		assertThat(this.transport.delivered()).extracting(JobLogRecord::message).containsExactly("a-1", "a-2", "warn");
	}

	@Test
	void dropOldestEvictsTheOldestRecords() {
		this.transport.ready = false;
		start(settings(Duration.ofMillis(20), 512, 3, DropPolicy.DROP_OLDEST));
		offer("a", 5, LogLevel.LOG_LEVEL_INFO);
		assertThat(this.pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
		this.transport.ready = true;
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 3);
		assertThat(this.transport.delivered()).extracting(JobLogRecord::message).containsExactly("a-2", "a-3", "a-4");
		assertThat(this.transport.delivered()).extracting(JobLogRecord::seq).containsExactly(3L, 4L, 5L);
	}

	@Test
	void byteBudgetIsEnforced() {
		this.transport.ready = false;
		JobLogRecord sample = record("a", "x".repeat(1000), LogLevel.LOG_LEVEL_INFO);
		long budget = sample.estimatedBytes() * 2L + 10;
		start(new JobLogSettings(Duration.ofMillis(20), 512, 1000, budget, DropPolicy.DROP_NEWEST,
				Duration.ofSeconds(1), 100));
		for (int i = 0; i < 4; i++) {
			this.pipeline.offer(record("a", "x".repeat(1000), LogLevel.LOG_LEVEL_INFO));
		}
		assertThat(this.pipeline.queuedRecords()).isEqualTo(2);
		assertThat(this.pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
		assertThat(this.pipeline.offer(record("a", "y".repeat((int) budget), LogLevel.LOG_LEVEL_ERROR))).isFalse();
		assertThat(this.pipeline.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
	}

	@Test
	void failedBatchIsRetriedInOrderWithTheSameSequenceNumbers() {
		this.transport.failuresToInject.set(2);
		start(settings(Duration.ofMillis(20), 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 3, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 3);
		offer("a", 1, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 4);
		assertThat(this.transport.delivered()).extracting(JobLogRecord::seq).containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.pipeline.state().failedBatches()).isEqualTo(2);
		assertThat(this.pipeline.queuedRecords()).isZero();
	}

	@Test
	void finalFailureIsCountedAsRejected() {
		this.transport.failuresToInject.set(1);
		this.transport.retryable = (failure) -> false;
		start(settings(Duration.ofMillis(20), 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 3, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pipeline.dropped(DropReason.REJECTED) == 3);
		assertThat(this.pipeline.queuedRecords()).isZero();
	}

	@Test
	void oneBatchInFlightPerJob() {
		this.transport.hold = true;
		start(settings(Duration.ofMillis(10), 2, 100, DropPolicy.DROP_NEWEST));
		offer("a", 2, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.batches.size() == 1);
		offer("a", 4, LogLevel.LOG_LEVEL_INFO);
		offer("b", 2, LogLevel.LOG_LEVEL_INFO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.batches.size() == 2);
		assertThat(this.transport.batches.get(1).jobId()).isEqualTo("b");
		this.transport.hold = false;
		this.transport.held.forEach((future) -> future.complete(null));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 8);
		assertThat(this.transport.delivered("a")).extracting(JobLogRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void closeDeliversEverythingBuffered() {
		start(settings(LONG, 512, 100, DropPolicy.DROP_NEWEST));
		offer("a", 7, LogLevel.LOG_LEVEL_INFO);
		offer("b", 3, LogLevel.LOG_LEVEL_DEBUG);
		this.pipeline.close();
		assertThat(this.transport.delivered()).hasSize(10);
		assertThat(this.pipeline.dropped(DropReason.SHUTDOWN)).isZero();
		assertThat(this.pipeline.offer(record("a", "late", LogLevel.LOG_LEVEL_INFO))).isFalse();
		assertThat(this.pipeline.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
	}

	@Test
	void closeCountsWhatCouldNotBeDeliveredWithinTheGracePeriod() {
		this.transport.ready = false;
		this.pipeline = new JobLogPipeline(new JobLogSettings(Duration.ofMillis(20), 512, 100, 1 << 20,
				DropPolicy.DROP_NEWEST, Duration.ofMillis(200), 100));
		this.pipeline.attach(this.transport);
		offer("a", 4, LogLevel.LOG_LEVEL_INFO);
		this.pipeline.close();
		assertThat(this.pipeline.dropped(DropReason.SHUTDOWN)).isEqualTo(4);
		assertThat(this.transport.delivered()).isEmpty();
	}

	@Test
	void earlyBufferIsBoundedUntilAttached() {
		this.pipeline = new JobLogPipeline(new JobLogSettings(Duration.ofMillis(20), 512, 100, 1 << 20,
				DropPolicy.DROP_NEWEST, Duration.ofSeconds(1), 3));
		offer("a", 5, LogLevel.LOG_LEVEL_INFO);
		assertThat(this.pipeline.dropped(DropReason.NOT_READY)).isEqualTo(2);
		this.pipeline.attach(this.transport);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.delivered().size() == 3);
	}

	@Test
	void listenersSeeSentAndDropped() {
		List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.transport.ready = false;
		start(settings(Duration.ofMillis(20), 512, 1, DropPolicy.DROP_NEWEST));
		this.pipeline.addListener(new JobLogListener() {
			@Override
			public void recordsDropped(DropReason reason, int count) {
				events.add("dropped:" + reason.tag() + ":" + count);
			}

			@Override
			public void batchSent(int records, long bytes, Duration latency) {
				events.add("sent:" + records);
			}
		});
		offer("a", 2, LogLevel.LOG_LEVEL_INFO);
		this.transport.ready = true;
		await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("sent:1"));
		assertThat(events).containsExactly("dropped:queue_full:1", "sent:1");
	}

	/**
	 * {@link JobLogPipeline#offer} from many application threads at once: it takes no
	 * lock while records fit, so nothing may be lost, duplicated, reordered or miscounted
	 * when producers race with each other, with the sender and with close().
	 */
	@Nested
	class Concurrency {

		private static final int THREADS = 4;

		@Test
		void concurrentProducersLoseNothingAndKeepEachThreadsOrderWithinItsJob() throws Exception {
			int perThread = 20_000;
			start(new JobLogSettings(Duration.ofMillis(5), 64, 1_000_000, 1L << 30, DropPolicy.DROP_NEWEST,
					Duration.ofSeconds(5), 1000));
			runProducers((thread) -> {
				for (int i = 0; i < perThread; i++) {
					// Two threads share each job, so a job's records interleave.
					String job = "job-" + (thread % 2);
					assertThat(pipeline.offer(record(job, thread + ":" + i, LogLevel.LOG_LEVEL_INFO))).isTrue();
				}
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.sent() == (long) THREADS * perThread);
			assertThat(pipeline.queuedRecords()).isZero();
			assertThat(pipeline.queuedBytes()).isZero();
			for (String job : List.of("job-0", "job-1")) {
				List<JobLogRecord> delivered = transport.delivered(job);
				assertThat(delivered).hasSize(2 * perThread);
				// Sequence numbers: 1..n, in delivery order, no gap, no repeat.
				long[] seqs = delivered.stream().mapToLong(JobLogRecord::seq).toArray();
				long[] expected = new long[seqs.length];
				Arrays.setAll(expected, (i) -> i + 1);
				assertThat(seqs).containsExactly(expected);
				// Each producer's records arrive in the order it logged them.
				Map<String, List<Integer>> byThread = delivered.stream()
					.map((record) -> record.message().split(":"))
					.collect(Collectors.groupingBy((parts) -> parts[0],
							Collectors.mapping((parts) -> Integer.parseInt(parts[1]), Collectors.toList())));
				assertThat(byThread).hasSize(2);
				byThread.values().forEach((indexes) -> assertThat(indexes).isSorted().hasSize(perThread));
			}
		}

		@Test
		void concurrentOverflowAcceptsExactlyTheCapacityAndCountsTheRest() throws Exception {
			int capacity = 1_000;
			int perThread = 5_000;
			transport.ready = false;
			start(new JobLogSettings(Duration.ofMillis(5), 64, capacity, 1L << 30, DropPolicy.DROP_NEWEST,
					Duration.ofSeconds(5), 1000));
			AtomicLong accepted = new AtomicLong();
			runProducers((thread) -> {
				for (int i = 0; i < perThread; i++) {
					if (pipeline.offer(record("job-" + thread, "m" + i, LogLevel.LOG_LEVEL_INFO))) {
						accepted.incrementAndGet();
					}
				}
			});
			assertThat(accepted).hasValue(capacity);
			assertThat(pipeline.queuedRecords()).isEqualTo(capacity);
			assertThat(pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo((long) THREADS * perThread - capacity);
			transport.ready = true;
			await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.sent() == capacity);
			assertThat(transport.delivered()).hasSize(capacity);
		}

		@Test
		void closeRacingWithProducersCountsEveryRecordOnce() throws Exception {
			start(new JobLogSettings(Duration.ofMillis(2), 32, 50_000, 1L << 30, DropPolicy.DROP_NEWEST,
					Duration.ofMillis(200), 1000));
			AtomicLong offered = new AtomicLong();
			AtomicBoolean stop = new AtomicBoolean();
			CountDownLatch running = new CountDownLatch(THREADS);
			List<Thread> producers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				Thread producer = new Thread(() -> {
					running.countDown();
					int i = 0;
					while (!stop.get()) {
						pipeline.offer(record("job-" + thread, "m" + i++, LogLevel.LOG_LEVEL_INFO));
						offered.incrementAndGet();
					}
				});
				producers.add(producer);
				producer.start();
			}
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.sent() > 10_000);
			pipeline.close();
			// Producers keep logging into the closed pipeline for a moment.
			long afterClose = offered.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> offered.get() > afterClose + 1_000);
			stop.set(true);
			for (Thread producer : producers) {
				producer.join(10_000);
			}
			long dropped = Arrays.stream(DropReason.values()).mapToLong(pipeline::dropped).sum();
			assertThat(pipeline.sent() + dropped).isEqualTo(offered.get());
			assertThat(pipeline.dropped(DropReason.SHUTDOWN)).isPositive();
			// A batch in flight when the grace period ended is counted as a shutdown drop
			// even if the broker took it.
			assertThat(transport.delivered().size()).isGreaterThanOrEqualTo((int) pipeline.sent());
		}

		private void runProducers(Producer producer) throws InterruptedException {
			CountDownLatch start = new CountDownLatch(1);
			List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				Thread worker = new Thread(() -> {
					try {
						start.await();
						producer.run(thread);
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
				});
				threads.add(worker);
				worker.start();
			}
			start.countDown();
			for (Thread thread : threads) {
				thread.join(60_000);
			}
			assertThat(failures).isEmpty();
		}

		@FunctionalInterface
		private interface Producer {

			void run(int thread) throws Exception;

		}

	}

	private void start(JobLogSettings settings) {
		this.pipeline = new JobLogPipeline(settings);
		this.pipeline.attach(this.transport);
	}

	private void offer(String job, int count, LogLevel level) {
		int offset = this.counts.getOrDefault(job, 0);
		this.counts.put(job, offset + count);
		for (int i = 0; i < count; i++) {
			this.pipeline.offer(record(job, job + "-" + (offset + i), level));
		}
	}

	private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();

	private static JobLogSettings settings(Duration delay, int batch, int queue, DropPolicy policy) {
		return new JobLogSettings(delay, batch, queue, 1 << 24, policy, Duration.ofSeconds(5), 1000);
	}

	static JobLogRecord record(String job, String message, LogLevel level) {
		return JobLogRecord.builder(job, level, message).logger("test").thread("main").build();
	}

}
