package io.fetchbox.observability.cli;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.TailedJobLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PrettyLine}.
 */
class PrettyLineTests {

	@Test
	void printsOneLineWithSortedFieldsAndNoSeq() {
		JobLog log = JobLog.newBuilder()
			.setJobId("job-1")
			.setResourceId("r-1")
			.setLevel(LogLevel.LOG_LEVEL_WARN)
			.setMessage("slow proxy\nsecond line")
			.setTimestampMs(1_795_464_637_921L)
			.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.putFields("seq", "7")
			.putFields("pool", "eu west")
			.putFields("attempt", "2")
			.build();
		assertThat(PrettyLine.of(new TailedJobLog(0, 0, log, 0), Ansi.off()))
			.isEqualTo("2026-11-23T20:10:37.921Z WARN  slow proxy\\nsecond line resource_id=r-1 attempt=2 "
					+ "pool=\"eu west\" trace_id=4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void coloursTheLevelOnATerminal() {
		JobLog error = JobLog.newBuilder().setLevel(LogLevel.LOG_LEVEL_ERROR).setMessage("boom").build();
		JobLog warn = JobLog.newBuilder().setLevel(LogLevel.LOG_LEVEL_WARN).setMessage("hmm").build();
		assertThat(PrettyLine.of(new TailedJobLog(0, 0, error, 1_000), Ansi.on()))
			.isEqualTo("1970-01-01T00:00:00.001Z \u001b[1;31mERROR\u001b[0m boom");
		assertThat(PrettyLine.of(new TailedJobLog(0, 0, warn, 1_000), Ansi.on()))
			.isEqualTo("1970-01-01T00:00:00.001Z \u001b[33mWARN\u001b[0m  hmm");
	}

	@Test
	void neutralisesTerminalEscapesInMessages() {
		JobLog log = JobLog.newBuilder().setLevel(LogLevel.LOG_LEVEL_INFO).setMessage("\u001b[2Jboom").build();
		assertThat(PrettyLine.of(new TailedJobLog(0, 0, log, 1_000), Ansi.off()))
			.isEqualTo("1970-01-01T00:00:00.001Z INFO  \\u001b[2Jboom");
	}

}
