package io.fetchbox.observability.tail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JobTailer} and {@link JobLogTail} over an in-memory topic that places
 * and polls messages the way the server does.
 */
class JobLogTailTests {

	private static final String TOPIC = "jobs.logs";

	private final InMemoryTopicReader reader = new InMemoryTopicReader(TOPIC, 4);

	private final JobTailer tailer = new JobTailer(this.reader,
			new TailSettings(3, Duration.ofMillis(5), Duration.ofMillis(20), 2));

	private final JobLogTail tail = new JobLogTail(this.tailer, TOPIC);

	@AfterEach
	void close() {
		this.tailer.close();
	}

	@Test
	void readsOnlyTheJobsRecordsInOrderAndEnds() {
		for (int i = 1; i <= 5; i++) {
			this.reader.appendLog(log("job-a", i, LogLevel.LOG_LEVEL_INFO, "a" + i), 1000 + i);
			this.reader.appendLog(log("job-b", i, LogLevel.LOG_LEVEL_INFO, "b" + i), 1000 + i);
		}
		Collector collector = new Collector();
		TailSession session = this.tail.tail("job-a", TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE,
				collector);
		session.completion().join();
		assertThat(collector.messages()).containsExactly("a1", "a2", "a3", "a4", "a5");
		assertThat(session.partition()).isEqualTo(JobPartitions.partitionOf("job-a", 4));
		assertThat(collector.ended).isTrue();
		assertThat(this.tailer.activeSessions()).isZero();
	}

	@Test
	void skipsOtherJobsByHeaderWithoutLookingAtTheirPayload() {
		// Same partition as job-a for a 4-partition topic, so the reader really sees it.
		String other = otherJobInSamePartition("job-a");
		this.reader.append(other, Map.of("job_id", other), new byte[] { (byte) 0xff, 1, 2 }, 1);
		this.reader.appendLog(log("job-a", 1, LogLevel.LOG_LEVEL_INFO, "mine"), 2);
		AtomicInteger payloadReads = new AtomicInteger();
		List<String> seen = new CopyOnWriteArrayList<>();
		TailRequest request = new TailRequest(TOPIC, "job-a", TailStart.beginning(), false, (payload) -> {
			payloadReads.incrementAndGet();
			return null;
		});
		this.tailer.tail(request, (message) -> seen.add(message.eventId())).completion().join();
		assertThat(seen).containsExactly(JobPartitions.partitionOf("job-a", 4) + ":1");
		assertThat(payloadReads).hasValue(0);
	}

	@Test
	void readsTheJobIdFromThePayloadWhenTheHeaderIsMissing() {
		JobLog log = log("job-a", 1, LogLevel.LOG_LEVEL_INFO, "no header");
		this.reader.append("job-a", Map.of(), log.toByteArray(), 1);
		Collector collector = new Collector();
		this.tail.tail("job-a", TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE, collector).completion().join();
		assertThat(collector.messages()).containsExactly("no header");
	}

	@Test
	void dropsRecordsSentTwiceButKeepsDifferentRecordsWithTheSameSeq() {
		JobLog first = log("job-a", 1, LogLevel.LOG_LEVEL_INFO, "one");
		this.reader.appendLog(first, 1);
		this.reader.appendLog(log("job-a", 2, LogLevel.LOG_LEVEL_INFO, "two"), 1);
		// A re-sent batch: the same two records again.
		this.reader.appendLog(first, 2);
		this.reader.appendLog(log("job-a", 2, LogLevel.LOG_LEVEL_INFO, "two"), 2);
		// Another worker of the same job counting from 1 again.
		this.reader.appendLog(log("job-a", 1, LogLevel.LOG_LEVEL_WARN, "retry on worker 2"), 3);
		Collector collector = new Collector();
		this.tail.tail("job-a", TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE, collector).completion().join();
		assertThat(collector.messages()).containsExactly("one", "two", "retry on worker 2");
	}

	@Test
	void filtersByMinimumLevel() {
		this.reader.appendLog(log("job-a", 1, LogLevel.LOG_LEVEL_DEBUG, "debug"), 1);
		this.reader.appendLog(log("job-a", 2, LogLevel.LOG_LEVEL_INFO, "info"), 1);
		this.reader.appendLog(log("job-a", 3, LogLevel.LOG_LEVEL_WARN, "warn"), 1);
		this.reader.appendLog(log("job-a", 4, LogLevel.LOG_LEVEL_ERROR, "error"), 1);
		Collector collector = new Collector();
		this.tail.tail("job-a", TailStart.beginning(), false, LogLevel.LOG_LEVEL_WARN, collector).completion().join();
		assertThat(collector.messages()).containsExactly("warn", "error");
	}

	@Test
	void startsAtAnOffsetOrATime() {
		for (int i = 0; i < 6; i++) {
			this.reader.appendLog(log("job-a", i + 1, LogLevel.LOG_LEVEL_INFO, "m" + i), 1_000_000L * i);
		}
		Collector fromOffset = new Collector();
		this.tail.tail("job-a", TailStart.offset(4), false, LogLevel.LOG_LEVEL_TRACE, fromOffset).completion().join();
		assertThat(fromOffset.messages()).containsExactly("m4", "m5");
		Collector since = new Collector();
		this.tail.tail("job-a", TailStart.since(Instant.ofEpochSecond(3)), false, LogLevel.LOG_LEVEL_TRACE, since)
			.completion()
			.join();
		assertThat(since.messages()).containsExactly("m3", "m4", "m5");
	}

	@Test
	void resumesAtAnOffsetOfTheJobsPartitionAndStartsOverForAnotherPartitionsOffset() {
		for (int i = 0; i < 6; i++) {
			this.reader.appendLog(log("job-a", i + 1, LogLevel.LOG_LEVEL_INFO, "m" + i), 1_000_000L * i);
		}
		long partition = JobPartitions.partitionOf("job-a", 4);
		Collector resumed = new Collector();
		this.tail.tail("job-a", TailStart.offset(partition, 4), false, LogLevel.LOG_LEVEL_TRACE, resumed)
			.completion()
			.join();
		assertThat(resumed.messages()).containsExactly("m4", "m5");
		// e.g. a Last-Event-ID from before the topic was re-partitioned: skipping to
		// offset 4 of the job's partition could lose records, so it starts over.
		Collector startedOver = new Collector();
		this.tail.tail("job-a", TailStart.offset((partition + 1) % 4, 4), false, LogLevel.LOG_LEVEL_TRACE, startedOver)
			.completion()
			.join();
		assertThat(startedOver.messages()).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
	}

	@Test
	void followsNewRecordsUntilStopped() {
		this.reader.appendLog(log("job-a", 1, LogLevel.LOG_LEVEL_INFO, "before"), 1);
		Collector collector = new Collector();
		TailSession session = this.tail.tail("job-a", TailStart.beginning(), true, LogLevel.LOG_LEVEL_TRACE, collector);
		await().until(() -> collector.messages().size() == 1);
		await().until(() -> collector.idle.get() > 0);
		this.reader.appendLog(log("job-a", 2, LogLevel.LOG_LEVEL_INFO, "after"), 2);
		await().until(() -> collector.messages().size() == 2);
		session.stop();
		assertThat(session.completion()).isCompleted();
		assertThat(this.tailer.activeSessions()).isZero();
		int polls = this.reader.polls.get();
		this.reader.appendLog(log("job-a", 3, LogLevel.LOG_LEVEL_INFO, "too late"), 3);
		await().pollDelay(Duration.ofMillis(100)).until(() -> true);
		assertThat(collector.messages()).containsExactly("before", "after");
		assertThat(this.reader.polls.get()).isLessThanOrEqualTo(polls + 1);
	}

	@Test
	void retriesFailedReadsWhileFollowing() {
		this.reader.appendLog(log("job-a", 1, LogLevel.LOG_LEVEL_INFO, "one"), 1);
		this.reader.failNextPolls.set(2);
		Collector collector = new Collector();
		TailSession session = this.tail.tail("job-a", TailStart.beginning(), true, LogLevel.LOG_LEVEL_TRACE, collector);
		await().until(() -> collector.messages().size() == 1);
		assertThat(collector.retries).hasValue(2);
		session.stop();
	}

	@Test
	void failsWhenNotFollowingAndAReadFails() {
		this.reader.failNextPolls.set(1);
		Collector collector = new Collector();
		TailSession session = this.tail.tail("job-a", TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE,
				collector);
		await().until(() -> session.completion().isDone());
		assertThat(session.completion()).isCompletedExceptionally();
		assertThat(collector.error).isInstanceOf(TimeoutException.class);
	}

	@Test
	void failsWhenTheTopicIsMissing() {
		Collector collector = new Collector();
		JobLogTail missing = new JobLogTail(this.tailer, "no.such.topic");
		TailSession session = missing.tail("job-a", TailStart.beginning(), true, LogLevel.LOG_LEVEL_TRACE, collector);
		await().until(() -> session.completion().isDone());
		assertThat(collector.error).isInstanceOf(TailNotFoundException.class);
	}

	@Test
	void listenerFailureStopsTheSession() {
		for (int i = 1; i <= 5; i++) {
			this.reader.appendLog(log("job-a", i, LogLevel.LOG_LEVEL_INFO, "m" + i), i);
		}
		AtomicInteger delivered = new AtomicInteger();
		TailSession session = this.tail.tail("job-a", TailStart.beginning(), true, LogLevel.LOG_LEVEL_TRACE,
				(record) -> {
					if (delivered.incrementAndGet() == 2) {
						throw new java.io.IOException("client went away");
					}
				});
		await().until(() -> session.completion().isDone());
		assertThat(delivered).hasValue(2);
		assertThat(this.tailer.activeSessions()).isZero();
	}

	static JobLog log(String jobId, int seq, LogLevel level, String message) {
		return JobLog.newBuilder()
			.setJobId(jobId)
			.setResourceId("r-1")
			.setLevel(level)
			.setMessage(message)
			.setTimestampMs(1_700_000_000_000L + seq)
			.putFields("seq", Integer.toString(seq))
			.build();
	}

	private static String otherJobInSamePartition(String jobId) {
		long partition = JobPartitions.partitionOf(jobId, 4);
		for (int i = 0;; i++) {
			String candidate = "other-" + i;
			if (JobPartitions.partitionOf(candidate, 4) == partition) {
				return candidate;
			}
		}
	}

	static final class Collector implements JobLogTailListener {

		final List<TailedJobLog> records = new CopyOnWriteArrayList<>();

		final AtomicInteger idle = new AtomicInteger();

		final AtomicInteger retries = new AtomicInteger();

		volatile boolean ended;

		volatile @Nullable Throwable error;

		@Override
		public void onRecord(TailedJobLog record) {
			this.records.add(record);
		}

		@Override
		public void onIdle() {
			this.idle.incrementAndGet();
		}

		@Override
		public void onRetry(Throwable error) {
			this.retries.incrementAndGet();
		}

		@Override
		public void onEnd(@Nullable Throwable error) {
			this.error = error;
			this.ended = true;
		}

		List<String> messages() {
			return this.records.stream().map((record) -> record.log().getMessage()).toList();
		}

	}

}
