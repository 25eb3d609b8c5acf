package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-process tests of argument handling; the jar itself is exercised by
 * {@code FetchboxIggyCliIT}.
 */
class FetchboxIggyCliTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void helpListsEveryCommandAndTheExitCodes() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString()).contains("tail-logs", "tail-status", "publish-task", "IGGY_ADDRESS",
				"Exit codes: 0 ok, 1 usage, 2 connection or authentication, 3 not found");
	}

	@Test
	void commandHelpDocumentsEveryOption() {
		assertThat(run("tail-logs", "--help")).isZero();
		assertThat(this.out.toString()).contains("--job-id", "--follow", "--level", "--since", "--from-beginning",
				"--output", "--no-color", "--address", "--username", "--password", "--timeout");
	}

	@Test
	void badFlagsExitWithOneAndOneLine() {
		assertThat(run("tail-logs", "--job-id", "j", "--bogus")).isEqualTo(1);
		assertThat(this.err.toString()).hasLineCount(1).startsWith("error: Unknown option: '--bogus'");
	}

	@Test
	void badDurationsAndFormatsAreUsageErrors() {
		assertThat(run("tail-logs", "--job-id", "j", "--since", "ten minutes")).isEqualTo(1);
		assertThat(run("tail-logs", "--job-id", "j", "--output", "yaml")).isEqualTo(1);
		assertThat(run("tail-logs", "--job-id", "j", "--address", "nohostport")).isEqualTo(1);
		assertThat(this.err.toString()).hasLineCount(3)
			.contains("--address/IGGY_ADDRESS must be host:port, got 'nohostport'");
	}

	@Test
	void missingTaskFileIsAUsageError() {
		assertThat(run("publish-task", "--file", "/no/such/task.json")).isEqualTo(1);
		assertThat(this.err.toString()).isEqualTo("error: task file '/no/such/task.json': no such file\n");
	}

	private int run(String... args) {
		return FetchboxIggyCli.execute(args, new PrintWriter(this.out, true), new PrintWriter(this.err, true));
	}

}
