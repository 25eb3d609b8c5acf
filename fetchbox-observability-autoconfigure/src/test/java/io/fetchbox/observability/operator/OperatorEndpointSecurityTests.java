package io.fetchbox.observability.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.fetchbox.observability.testapp.ForkedApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Enabling the operator log stream never changes how the rest of an application is
 * secured. Real embedded servers and real HTTP requests: with Spring Security and no
 * chain of its own (Spring Boot's default chain), with the application's own chain, and
 * in a JVM without Spring Security on the class path.
 */
class OperatorEndpointSecurityTests {

	static final String ADMIN = basic("admin", "s3cret");

	static final String[] LOG_STREAM = { "--fetchbox.telemetry.operator.log-stream.enabled=true",
			"--fetchbox.telemetry.operator.credentials[0].username=admin",
			"--fetchbox.telemetry.operator.credentials[0].password=s3cret",
			"--fetchbox.telemetry.operator.credentials[1].username=acme-ops",
			"--fetchbox.telemetry.operator.credentials[1].token=acme-token",
			"--fetchbox.telemetry.operator.credentials[1].tenant=acme",
			"--fetchbox.telemetry.operator.log-stream.max-streams=1" };

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void bootsDefaultSecurityStillProtectsTheApplicationWithTheLogStreamEnabled() throws Exception {
		try (Server app = Server.start(DefaultSecurityApplication.class)) {
			assertThat(app.get("/hello").statusCode()).isEqualTo(401);
		}
		try (Server app = Server.start(DefaultSecurityApplication.class, LOG_STREAM)) {
			assertThat(app.get("/hello").statusCode()).isEqualTo(401);
			assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(401);
			// Operator credentials open the operator endpoints only.
			assertThat(app.get("/hello", "Authorization", ADMIN).statusCode()).isEqualTo(401);
			assertUnauthorizedProblem(app.get(logs("job-1")));
			assertThat(app.get(logs("job-1") + "?follow=false", "Authorization", ADMIN).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theApplicationsOwnChainKeepsItsRules() throws Exception {
		for (String[] args : List.of(new String[0], LOG_STREAM)) {
			try (Server app = Server.start(OwnSecurityApplication.class, args)) {
				assertThat(app.get("/public").statusCode()).isEqualTo(200);
				assertThat(app.get("/hello").statusCode()).isEqualTo(401);
				assertThat(app.get("/hello", "Authorization", basic("app", "app-pass")).statusCode()).isEqualTo(200);
				assertThat(app.get("/hello", "Authorization", ADMIN).statusCode()).isEqualTo(401);
			}
		}
		try (Server app = Server.start(OwnSecurityApplication.class, LOG_STREAM)) {
			assertUnauthorizedProblem(app.get(logs("job-1"), "Authorization", basic("app", "app-pass")));
			assertThat(app.get(logs("job-1") + "?follow=false", "Authorization", ADMIN).statusCode()).isEqualTo(200);
			// The application's rule for this path applies to operators too.
			HttpResponse<String> forbidden = app.get(logs("locked"), "Authorization", ADMIN);
			assertThat(forbidden.statusCode()).isEqualTo(403);
			assertProblem(forbidden, 403);
		}
	}

	@Test
	void everyErrorOfTheOperatorEndpointIsAProblemWithCorrelationIds() throws Exception {
		try (Server app = Server.start(DefaultSecurityApplication.class, LOG_STREAM)) {
			assertUnauthorizedProblem(app.get(logs("job-1"), "Authorization", "Bearer wrong"));
			// A tenant-bound operator asking for a job that is not its tenant's.
			assertProblem(app.get(logs("job-unknown"), "Authorization", "Bearer acme-token"), 404);
			assertProblem(app.get(logs("job-1") + "?level=loud", "Authorization", ADMIN), 400);
			try (SseTestClient open = SseTestClient.open(app.port, logs("job-1"), Map.of("Authorization", ADMIN))) {
				assertThat(open.status).isEqualTo(200);
				HttpResponse<String> tooMany = app.get(logs("job-1"), "Authorization", ADMIN);
				assertProblem(tooMany, 429);
				assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
			}
		}
	}

	@Test
	void aDepartedClientsStreamIsReleasedWithinAboutASecond() throws Exception {
		try (Server app = Server.start(DefaultSecurityApplication.class, LOG_STREAM)) {
			JobLogStreamController controller = app.context.getBean(JobLogStreamController.class);
			List<Long> releaseMillis = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				SseTestClient client = SseTestClient.open(app.port, logs("job-1"), Map.of("Authorization", ADMIN));
				assertThat(client.status).isEqualTo(200);
				assertThat(controller.openStreams()).isEqualTo(1);
				long closedAt = System.nanoTime();
				client.close();
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> controller.openStreams() == 0);
				releaseMillis.add((System.nanoTime() - closedAt) / 1_000_000);
			}
			// The figure the documentation quotes; the bound above only catches a stream
			// held for a heartbeat interval or more.
			System.out.println("Departed SSE client released after (ms): " + releaseMillis);
		}
	}

	@Test
	void withoutSpringSecurityTheOperatorEndpointStillRequiresCredentials() throws Exception {
		try (ForkedApplication fork = ForkedApplication.startWithout(
				(entry) -> entry.contains("spring-security-") || entry.contains("spring-boot-security"),
				UnsecuredOperatorApplication.class, "--server.port=0", "--fetchbox.telemetry.logging.format=text",
				"--fetchbox.telemetry.iggy.address=127.0.0.1:1", LOG_STREAM[0], LOG_STREAM[1], LOG_STREAM[2])) {
			Server app = new Server(null, fork.awaitPort());
			assertThat(fork.stdout()).contains(UnsecuredOperatorApplication.NO_SPRING_SECURITY);
			assertThat(app.get("/hello").statusCode()).isEqualTo(200);
			assertUnauthorizedProblem(app.get(logs("job-1")));
			assertUnauthorizedProblem(app.get(logs("job-1"), "Authorization", basic("admin", "wrong")));
			assertThat(app.get(logs("job-1") + "?follow=false", "Authorization", ADMIN).statusCode()).isEqualTo(200);
		}
	}

	static void assertUnauthorizedProblem(HttpResponse<String> response) {
		assertProblem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("Basic", "Bearer"));
	}

	static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json").doesNotContain("ISO-8859-1"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("request_id").asString())
			.isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
		assertThat(body.get("trace_id").asString()).matches("[0-9a-f]{32}");
		return body;
	}

	static String logs(String job) {
		return "/operator/jobs/" + job + "/logs";
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * An application started on a random port, stopped on close.
	 */
	static final class Server implements AutoCloseable {

		final ConfigurableApplicationContext context;

		final int port;

		Server(ConfigurableApplicationContext context, int port) {
			this.context = context;
			this.port = port;
		}

		static Server start(Class<?> application, String... args) {
			List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.config.name=operator-security-test",
					"--fetchbox.telemetry.logging.format=text",
					// A closed port: the clients reconnect in the background.
					"--fetchbox.telemetry.iggy.address=127.0.0.1:1"));
			all.addAll(List.of(args));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
				.run(all.toArray(String[]::new));
			return new Server(context,
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1")));
		}

		HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(20));
			if (headers.length > 0) {
				request.headers(headers);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		@Override
		public void close() {
			if (this.context != null) {
				this.context.close();
			}
		}

	}

	/**
	 * Spring Security on the class path, no chain of its own.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ HelloController.class, InMemoryJobLogs.class })
	static class DefaultSecurityApplication {

	}

	/**
	 * Its own chain: {@code /public} open, everything else for its users, and one
	 * operator path reserved to its admins.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ HelloController.class, InMemoryJobLogs.class })
	static class OwnSecurityApplication {

		@Bean
		SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public")
				.permitAll()
				.requestMatchers("/operator/jobs/locked/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated()).httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager applicationUsers() {
			return new InMemoryUserDetailsManager(
					User.withUsername("app").password("{noop}app-pass").roles("USER").build());
		}

	}

}
