package io.fetchbox.observability.joblog;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobLogEncoder}: the hand-written wire encoding decodes to the same
 * {@code JobLog} as the generated builder.
 */
class JobLogEncoderTests {

	@Test
	void encodesLikeTheGeneratedMessage() throws Exception {
		Map<String, String> context = new LinkedHashMap<>();
		context.put("job_id", "job-1");
		context.put("resource_id", "res-1");
		context.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		context.put("spanId", "00f067aa0ba902b7");
		context.put("tenant", "acme");
		context.put("job_type", "crawl");
		JobLogRecord record = JobLogRecord.builder("job-1", LogLevel.LOG_LEVEL_WARN, "disk ünïcode 💾 full")
			.resourceId("res-1")
			.timestampMs(1_700_000_000_123L)
			.trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true)
			.logger("com.example.Worker")
			.thread("worker-1")
			.context(context)
			.extra(Map.of("exception_class", "java.io.IOException", "tenant", "override"))
			.build();
		record.assignSeq(42);
		JobLog decoded = JobLog.parseFrom(JobLogEncoder.encode(record));
		assertThat(decoded).isEqualTo(JobLogEncoder.toJobLog(record));
		assertThat(decoded.getFieldsMap()).containsEntry("seq", "42").containsEntry("tenant", "override");
	}

	@Test
	void omitsDefaultsLikeTheGeneratedMessage() throws Exception {
		JobLogRecord record = JobLogRecord.builder("job-2", LogLevel.LOG_LEVEL_TRACE, "")
			.logger("l")
			.thread("t")
			.context(Map.of("job_id", "job-2"))
			.build();
		byte[] bytes = JobLogEncoder.encode(record);
		assertThat(bytes).isEqualTo(JobLogEncoder.toJobLog(record).toByteArray());
	}

	@Test
	void sessionReusesSharedPartsWithoutChangingTheBytes() throws Exception {
		Map<String, String> context = Map.of("job_id", "job-3", "tenant", "acme", "job_type", "crawl");
		Map<String, String> changed = Map.of("job_id", "job-3", "tenant", "globex");
		JobLogEncoder.Session session = new JobLogEncoder.Session();
		for (int i = 1; i <= 4; i++) {
			JobLogRecord record = JobLogRecord.builder("job-3", LogLevel.LOG_LEVEL_INFO, "line " + i)
				.resourceId((i < 3) ? "res-1" : "res-2")
				.logger("com.example.Worker")
				.thread((i % 2 == 0) ? "worker-1" : "worker-2")
				.context((i < 4) ? context : changed)
				.build();
			record.assignSeq(i);
			byte[] bytes = session.encode(record);
			assertThat(bytes).isEqualTo(JobLogEncoder.toJobLog(record).toByteArray());
			assertThat(JobLog.parseFrom(bytes).getFieldsMap()).containsEntry("seq", Integer.toString(i))
				.containsEntry("tenant", (i < 4) ? "acme" : "globex");
		}
	}

	@Test
	void loneSurrogatesAreWrittenAsProtobufWritesThem() {
		JobLogRecord record = JobLogRecord.builder("job-4", LogLevel.LOG_LEVEL_ERROR, "bad \uD800 half")
			.logger("l")
			.thread("t\uDC00")
			.context(Map.of("note", "x\uD83D"))
			.build();
		assertThat(JobLogEncoder.encode(record)).isEqualTo(JobLogEncoder.toJobLog(record).toByteArray());
	}

}
