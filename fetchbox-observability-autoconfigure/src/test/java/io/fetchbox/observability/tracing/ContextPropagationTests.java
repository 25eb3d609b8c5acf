package io.fetchbox.observability.tracing;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fetchbox.observability.testapp.SharedObservedApp;

import static io.fetchbox.observability.testapp.SharedObservedApp.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace and correlation context follow an {@code @Async} method onto Boot's task
 * executor.
 */
class ContextPropagationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final SharedObservedApp app = SharedObservedApp.get();

	@Test
	void asyncMethodSeesCallerTraceRequestIdAndJobMdc() {
		String body = this.app
			.get("/async", "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01", "X-Request-ID", "req-async")
			.body();
		JsonNode seen = SharedObservedApp.JSON.readTree(body);
		assertThat(seen.get("caller_trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(seen.get("async_trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(seen.get("async_request_id").asString()).isEqualTo("req-async");
		assertThat(seen.get("async_job_id").asString()).isEqualTo("job-async");
		assertThat(seen.get("async_thread").asString()).startsWith("task-");
		JsonNode line = this.app.awaitLine("async log line",
				field("message", "async work").and(field("request_id", "req-async")));
		assertThat(line.get("trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(line.get("job_id").asString()).isEqualTo("job-async");
		assertThat(line.get("thread").asString()).startsWith("task-");
	}

}
