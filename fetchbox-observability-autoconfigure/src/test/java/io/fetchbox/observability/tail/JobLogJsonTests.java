package io.fetchbox.observability.tail;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobLogJson}.
 */
class JobLogJsonTests {

	@Test
	void rendersStdoutFieldNamesThenSortedFields() {
		JobLog log = JobLog.newBuilder()
			.setJobId("job-1")
			.setResourceId("r-1")
			.setLevel(LogLevel.LOG_LEVEL_WARN)
			.setMessage("slow proxy")
			.setTimestampMs(1_795_464_637_921L)
			.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.putFields("seq", "7")
			.putFields("attempt", "2")
			.putFields("level", "must not override")
			.build();
		assertThat(JobLogJson.render(new TailedJobLog(1, 42, log, 0)))
			.isEqualTo("{\"timestamp\":\"2026-11-23T20:10:37.921Z\",\"level\":\"WARN\",\"message\":\"slow proxy\","
					+ "\"job_id\":\"job-1\",\"resource_id\":\"r-1\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
					+ "\"attempt\":\"2\",\"seq\":\"7\"}");
	}

	@Test
	void leavesOutEmptyValuesAndKeepsEverythingOnOneLine() {
		JobLog log = JobLog.newBuilder()
			.setJobId("job-1")
			.setLevel(LogLevel.LOG_LEVEL_INFO)
			.setMessage("line1\nline2\t\"q\" \\ \u0001 \u2028 \ud800")
			.setTimestampMs(1)
			.build();
		assertThat(JobLogJson.render(new TailedJobLog(0, 0, log, 0)))
			.isEqualTo("{\"timestamp\":\"1970-01-01T00:00:00.001Z\",\"level\":\"INFO\","
					+ "\"message\":\"line1\\nline2\\t\\\"q\\\" \\\\ \\u0001 \\u2028 \\ud800\",\"job_id\":\"job-1\"}");
	}

	@Test
	void parsesLevelNames() {
		assertThat(JobLogLevels.parse("warn")).isEqualTo(LogLevel.LOG_LEVEL_WARN);
		assertThat(JobLogLevels.parse("WARNING")).isEqualTo(LogLevel.LOG_LEVEL_WARN);
		assertThat(JobLogLevels.parse("Error")).isEqualTo(LogLevel.LOG_LEVEL_ERROR);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> JobLogLevels.parse("loud"))
			.withMessage("unknown level 'loud' (expected one of TRACE, DEBUG, INFO, WARN, ERROR)");
	}

}
