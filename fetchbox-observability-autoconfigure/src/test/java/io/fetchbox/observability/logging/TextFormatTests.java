package io.fetchbox.observability.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.testapp.ForkedApplication;
import io.fetchbox.observability.testapp.ObservedTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fetchbox.telemetry.logging.format=text} gives Spring Boot's plain console.
 */
class TextFormatTests {

	@Test
	void textFormatIsOnePropertyAway() throws Exception {
		try (ForkedApplication app = ForkedApplication.start(ObservedTestApplication.class, "--server.port=0",
				"--spring.application.name=text-test", "--fetchbox.telemetry.logging.format=text")) {
			int port = app.awaitPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/plain"))
					.header("X-Request-ID", "req-text")
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-text");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> app.stdout().stream().anyMatch((line) -> line.contains("hello plain")));
			assertThat(app.stdout()).filteredOn((line) -> line.contains("hello plain"))
				.allSatisfy((line) -> assertThat(line).doesNotStartWith("{").contains("INFO"));
			assertThat(app.stdout()).noneMatch((line) -> line.startsWith("{\"timestamp\""));
		}
	}

}
