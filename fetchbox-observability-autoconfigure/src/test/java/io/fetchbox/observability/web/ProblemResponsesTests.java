package io.fetchbox.observability.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fetchbox.observability.testapp.SharedObservedApp;

import static io.fetchbox.observability.testapp.SharedObservedApp.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Spring MVC error response is {@code application/problem+json} with
 * {@code request_id} and {@code trace_id} members.
 */
class ProblemResponsesTests {

	private final SharedObservedApp app = SharedObservedApp.get();

	@Test
	void notFound() {
		assertProblem(this.app.get("/does/not/exist", "X-Request-ID", "req-404"), 404, "req-404");
	}

	@Test
	void methodNotAllowed() {
		HttpResponse<String> response = this.app.send("DELETE", "/hello/x", HttpRequest.BodyPublishers.noBody(),
				"X-Request-ID", "req-405");
		assertProblem(response, 405, "req-405");
		assertThat(response.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
	}

	@Test
	void badRequestFromTypeMismatch() {
		assertProblem(this.app.get("/number/abc", "X-Request-ID", "req-400"), 400, "req-400");
	}

	@Test
	void badRequestFromUnreadableBody() {
		assertProblem(this.app.send("POST", "/echo", HttpRequest.BodyPublishers.ofString("{not json"), "Content-Type",
				"application/json", "X-Request-ID", "req-400-body"), 400, "req-400-body");
	}

	@Test
	void internalServerErrorHidesExceptionMessage() {
		HttpResponse<String> response = this.app.get("/boom", "X-Request-ID", "req-500");
		JsonNode body = assertProblem(response, 500, "req-500");
		assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
		JsonNode logged = this.app.awaitLine("unhandled exception logged",
				field("level", "ERROR").and(field("request_id", "req-500")));
		assertThat(logged.get("stack_trace").asString()).contains("secret internal detail");
		assertThat(logged.get("trace_id").asString()).isEqualTo(body.get("trace_id").asString());
		JsonNode access = this.app.awaitLine("access line of the 500",
				field("message", "request completed").and(field("request_id", "req-500")));
		assertThat(access.get("status").asInt()).isEqualTo(500);
		assertThat(access.get("route").asString()).isEqualTo("/boom");
	}

	@Test
	void exceptionFromFilterReachingErrorPage() {
		HttpResponse<String> response = this.app.get("/filtered/boom", "X-Request-ID", "req-filter-500");
		assertProblem(response, 500, "req-filter-500");
		assertThat(response.body()).doesNotContain("secret internal detail");
	}

	@Test
	void sendErrorFromFilterReachingErrorPage() {
		assertProblem(this.app.get("/filtered/unauthorized", "X-Request-ID", "req-401"), 401, "req-401");
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String requestId) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode body = SharedObservedApp.JSON.readTree(response.body());
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.has("title")).isTrue();
		assertThat(body.get("request_id").asString()).isEqualTo(requestId);
		assertThat(body.get("trace_id").asString()).matches("[0-9a-f]{32}");
		assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
		return body;
	}

}
