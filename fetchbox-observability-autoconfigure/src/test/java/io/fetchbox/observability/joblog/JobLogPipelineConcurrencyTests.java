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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link JobLogPipeline#offer} from many application threads at once: it takes no lock
 * while records fit, so these tests check that nothing is lost, duplicated, reordered or
 * miscounted when producers race with each other, with the sender and with close().
 */
class JobLogPipelineConcurrencyTests {

	private static final int THREADS = 4;

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
	void concurrentProducersLoseNothingAndKeepEachThreadsOrderWithinItsJob() throws Exception {
		int perThread = 20_000;
		this.pipeline = new JobLogPipeline(new JobLogSettings(Duration.ofMillis(5), 64, 1_000_000, 1L << 30,
				DropPolicy.DROP_NEWEST, Duration.ofSeconds(5), 1000));
		this.pipeline.attach(this.transport);
		runProducers((thread) -> {
			for (int i = 0; i < perThread; i++) {
				// Two threads share each job, so a job's records interleave.
				String job = "job-" + (thread % 2);
				assertThat(this.pipeline.offer(record(job, thread + ":" + i, LogLevel.LOG_LEVEL_INFO))).isTrue();
			}
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pipeline.sent() == (long) THREADS * perThread);
		assertThat(this.pipeline.queuedRecords()).isZero();
		assertThat(this.pipeline.queuedBytes()).isZero();
		for (String job : List.of("job-0", "job-1")) {
			List<JobLogRecord> delivered = this.transport.delivered(job);
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
		this.transport.ready = false;
		this.pipeline = new JobLogPipeline(new JobLogSettings(Duration.ofMillis(5), 64, capacity, 1L << 30,
				DropPolicy.DROP_NEWEST, Duration.ofSeconds(5), 1000));
		this.pipeline.attach(this.transport);
		AtomicLong accepted = new AtomicLong();
		runProducers((thread) -> {
			for (int i = 0; i < perThread; i++) {
				if (this.pipeline.offer(record("job-" + thread, "m" + i, LogLevel.LOG_LEVEL_INFO))) {
					accepted.incrementAndGet();
				}
			}
		});
		assertThat(accepted).hasValue(capacity);
		assertThat(this.pipeline.queuedRecords()).isEqualTo(capacity);
		assertThat(this.pipeline.dropped(DropReason.QUEUE_FULL)).isEqualTo((long) THREADS * perThread - capacity);
		this.transport.ready = true;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pipeline.sent() == capacity);
		assertThat(this.transport.delivered()).hasSize(capacity);
	}

	@Test
	void closeRacingWithProducersCountsEveryRecordOnce() throws Exception {
		this.pipeline = new JobLogPipeline(new JobLogSettings(Duration.ofMillis(2), 32, 50_000, 1L << 30,
				DropPolicy.DROP_NEWEST, Duration.ofMillis(200), 1000));
		this.pipeline.attach(this.transport);
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
					this.pipeline.offer(record("job-" + thread, "m" + i++, LogLevel.LOG_LEVEL_INFO));
					offered.incrementAndGet();
				}
			});
			producers.add(producer);
			producer.start();
		}
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pipeline.sent() > 10_000);
		this.pipeline.close();
		// Producers keep logging into the closed pipeline for a moment.
		long afterClose = offered.get();
		await().atMost(Duration.ofSeconds(10)).until(() -> offered.get() > afterClose + 1_000);
		stop.set(true);
		for (Thread producer : producers) {
			producer.join(10_000);
		}
		long dropped = Arrays.stream(DropReason.values()).mapToLong(this.pipeline::dropped).sum();
		assertThat(this.pipeline.sent() + dropped).isEqualTo(offered.get());
		assertThat(this.pipeline.dropped(DropReason.SHUTDOWN)).isPositive();
		// A batch in flight when the grace period ended is counted as a shutdown drop
		// even if the broker took it.
		assertThat(this.transport.delivered().size()).isGreaterThanOrEqualTo((int) this.pipeline.sent());
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

	private static JobLogRecord record(String job, String message, LogLevel level) {
		return JobLogPipelineTests.record(job, message, level);
	}

	@FunctionalInterface
	private interface Producer {

		void run(int thread) throws Exception;

	}

}
