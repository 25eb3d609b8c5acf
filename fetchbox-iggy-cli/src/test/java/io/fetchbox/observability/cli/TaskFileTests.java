package io.fetchbox.observability.cli;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.messages.DownloadTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TaskFile}.
 */
class TaskFileTests {

	private static final String VALID = """
			{"job_id": "job-1", "job_type": "crawl", "tenant": "acme", "resource_id": "r-1",
			 "url": "https://example.com/a.pdf", "headers": [{"name": "Accept", "value": "*/*"}],
			 "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "attempt": 2}
			""";

	@Test
	void readsSnakeCaseAndCamelCaseNames() {
		DownloadTask task = TaskFile.parse("task.json", VALID);
		assertThat(task.getJobId()).isEqualTo("job-1");
		assertThat(task.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(task.getHeaders(0).getName()).isEqualTo("Accept");
		assertThat(task.getAttempt()).isEqualTo(2);
	}

	@Test
	void namesTheMissingField() {
		assertError(VALID.replace("\"url\": \"https://example.com/a.pdf\",", ""), "task.json: field 'url' is required");
		assertError(VALID.replace("\"job_id\": \"job-1\",", ""), "task.json: field 'job_id' is required");
		assertError(VALID.replace("\"resource_id\": \"r-1\",", ""), "task.json: field 'resource_id' is required");
	}

	@Test
	void namesTheInvalidField() {
		assertError(VALID.replace("https://example.com/a.pdf", "ftp://example.com/a"),
				"task.json: field 'url' must be an absolute http or https URL");
		assertError(VALID.replace("4bf92f3577b34da6a3ce929d0e0e4736", "XYZ"),
				"task.json: field 'trace_id' must be 32 lowercase hex characters, not all zero");
		assertError(VALID.replace("\"name\": \"Accept\"", "\"name\": \"\""),
				"task.json: field 'headers[0].name' is required");
		assertError(VALID.replace("\"attempt\": 2", "\"colour\": 2"), "task.json: unknown field 'colour'");
	}

	@Test
	void rejectsWhatIsNotJson() {
		assertThatExceptionOfType(CliException.class).isThrownBy(() -> TaskFile.parse("task.json", "{not json"))
			.satisfies((ex) -> {
				assertThat(ex.exitCode()).isEqualTo(CliException.USAGE);
				assertThat(ex.getMessage()).startsWith("task.json: not a DownloadTask:").doesNotContain("\n");
			});
	}

	private static void assertError(String json, String message) {
		assertThatExceptionOfType(CliException.class).isThrownBy(() -> TaskFile.parse("task.json", json))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).isEqualTo(message);
				assertThat(ex.exitCode()).isEqualTo(CliException.USAGE);
			});
	}

}
