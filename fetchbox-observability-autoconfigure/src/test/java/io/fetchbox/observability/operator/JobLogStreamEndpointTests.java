package io.fetchbox.observability.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.InMemoryTopicReader;
import io.fetchbox.observability.tail.JobPartitions;
import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.TailSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSE endpoint over a real embedded server, with Spring Security, read by a raw
 * socket client. The broker side is an in-memory topic that places and polls messages as
 * the server does; {@code JobLogStreamIggyTests} runs the same path against the Iggy
 * testkit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fetchbox.telemetry.operator.log-stream.enabled=true",
				"fetchbox.telemetry.operator.log-stream.max-streams=50",
				"fetchbox.telemetry.operator.log-stream.heartbeat-interval=200ms",
				"fetchbox.telemetry.operator.credentials[0].username=admin",
				"fetchbox.telemetry.operator.credentials[0].password=s3cret",
				"fetchbox.telemetry.operator.credentials[1].username=acme-ops",
				"fetchbox.telemetry.operator.credentials[1].token=acme-token",
				"fetchbox.telemetry.operator.credentials[1].tenant=acme",
				// The topic is in memory: no Iggy client (it would try 127.0.0.1:8090).
				"spring.autoconfigure.exclude=io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration" })
class JobLogStreamEndpointTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Map<String, String> ADMIN = Map.of("Authorization",
			"Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)));

	private static final Map<String, String> ACME = Map.of("Authorization", "Bearer acme-token");

	@LocalServerPort
	int port;

	@Autowired
	InMemoryTopicReader topic;

	@Autowired
	JobTailer tailer;

	@Autowired
	JobLogStreamController controller;

	@Test
	void streamsAJobsRecordsWhileTheyAreProduced() throws IOException {
		String job = newJob();
		produce(job, 1, 3, "acme");
		try (SseTestClient client = SseTestClient.open(this.port, path(job), ADMIN)) {
			assertThat(client.status).isEqualTo(200);
			assertThat(client.headers.get("content-type")).startsWith("text/event-stream");
			List<SseTestClient.Event> first = client.read(3, WAIT);
			produce(job, 4, 6, "acme");
			List<SseTestClient.Event> second = client.read(3, WAIT);
			List<SseTestClient.Event> all = new ArrayList<>(first);
			all.addAll(second);
			long partition = JobPartitions.partitionOf(job, 4);
			assertThat(all).extracting(SseTestClient.Event::name).containsOnly("log");
			// id = partition:offset; the in-memory topic is shared, so offsets start
			// anywhere.
			assertThat(all).extracting(SseTestClient.Event::id).allMatch((id) -> id.startsWith(partition + ":"));
			assertThat(all).extracting((event) -> Long.parseLong(event.id().substring(event.id().indexOf(':') + 1)))
				.isSorted()
				.doesNotHaveDuplicates();
			assertThat(all).extracting(JobLogStreamEndpointTests::message)
				.containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6");
			assertThat(all.get(0).data()).startsWith("{\"timestamp\":\"")
				.contains("\"level\":\"INFO\"", "\"message\":\"message 1\"", "\"job_id\":\"" + job + "\"",
						"\"resource_id\":\"r-1\"", "\"seq\":\"1\"", "\"tenant\":\"acme\"");
			assertThat(all.get(5).data()).contains("\"message\":\"message 6\"");
		}
	}

	@Test
	void resumesAfterLastEventIdWithoutDuplicatesOrGaps() throws IOException {
		String job = newJob();
		produce(job, 1, 10, "acme");
		List<SseTestClient.Event> firstRead;
		try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?follow=false", ADMIN)) {
			firstRead = client.readAll(WAIT);
		}
		assertThat(firstRead).hasSize(10);
		// The client saw four events, then the connection dropped; meanwhile more arrive.
		String lastSeen = firstRead.get(3).id();
		produce(job, 11, 14, "acme");
		// A re-sent batch (same seq) must not show up twice either.
		produce(job, 13, 14, "acme");
		List<SseTestClient.Event> resumed;
		try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?follow=false",
				merge(ADMIN, Map.of("Last-Event-ID", lastSeen)))) {
			resumed = client.readAll(WAIT);
		}
		List<String> messages = new ArrayList<>();
		firstRead.subList(0, 4).forEach((event) -> messages.add(message(event)));
		resumed.forEach((event) -> messages.add(message(event)));
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 14; i++) {
			expected.add("message " + i);
		}
		assertThat(messages).containsExactlyElementsOf(expected);
	}

	@Test
	void filtersByLevelAndEndsWhenNotFollowing() throws IOException {
		String job = newJob();
		this.topic.appendLog(log(job, 1, LogLevel.LOG_LEVEL_DEBUG, "debug", "acme"), 1);
		this.topic.appendLog(log(job, 2, LogLevel.LOG_LEVEL_WARN, "warn", "acme"), 2);
		this.topic.appendLog(log(job, 3, LogLevel.LOG_LEVEL_ERROR, "error", "acme"), 3);
		try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?level=warn&follow=false", ADMIN)) {
			assertThat(client.readAll(WAIT)).extracting(JobLogStreamEndpointTests::message)
				.containsExactly("warn", "error");
		}
	}

	@Test
	void sendsHeartbeatCommentsWhileIdle() throws IOException {
		String job = newJob();
		try (SseTestClient client = SseTestClient.open(this.port, path(job), ADMIN)) {
			produce(job, 1, 1, "acme");
			assertThat(client.read(1, WAIT)).hasSize(1);
			// Reading blocks until the next event; the comments seen meanwhile are kept.
			produceLater(job, Duration.ofMillis(700));
			assertThat(client.read(1, WAIT)).hasSize(1);
			assertThat(client.comments).contains("heartbeat");
		}
	}

	@Test
	void requiresOperatorCredentials() throws IOException {
		String job = newJob();
		try (SseTestClient client = SseTestClient.open(this.port, path(job), Map.of())) {
			assertThat(client.status).isEqualTo(401);
			assertThat(client.headers.get("www-authenticate")).contains("Basic", "Bearer");
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(job), Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))))) {
			assertThat(client.status).isEqualTo(401);
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(job), Map.of("Authorization", "Bearer nope"))) {
			assertThat(client.status).isEqualTo(401);
		}
		// Operator credentials open /operator/** only: the application's other paths keep
		// Spring Boot's default security (Spring Security is on this test's class path).
		try (SseTestClient client = SseTestClient.open(this.port, "/actuator/env", ADMIN)) {
			// Refused: 401, or a redirect to Boot's login page.
			assertThat(client.status).isIn(401, 302);
		}
	}

	@Test
	void aTenantSeesOnlyItsOwnJobs() throws IOException {
		String acmeJob = newJob();
		String globexJob = newJob();
		produce(acmeJob, 1, 2, "acme");
		produce(globexJob, 1, 2, "globex");
		try (SseTestClient client = SseTestClient.open(this.port, path(acmeJob) + "?follow=false", ACME)) {
			assertThat(client.status).isEqualTo(200);
			assertThat(client.readAll(WAIT)).hasSize(2);
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(globexJob) + "?follow=false", ACME)) {
			assertThat(client.status).isEqualTo(404);
			assertThat(client.headers.get("content-type")).startsWith("application/problem+json");
			assertThat(client.body()).contains("\"status\":404").doesNotContain("globex");
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(newJob()) + "?follow=false", ACME)) {
			assertThat(client.status).isEqualTo(404);
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(globexJob) + "?follow=false", ADMIN)) {
			assertThat(client.status).isEqualTo(200);
			assertThat(client.readAll(WAIT)).hasSize(2);
		}
	}

	@Test
	void rejectsBadParameters() throws IOException {
		String job = newJob();
		try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?level=loud", ADMIN)) {
			assertThat(client.status).isEqualTo(400);
		}
		for (String lastEventId : new String[] { "yesterday", "-1:5", "3:-2", "3:", ":7" }) {
			try (SseTestClient client = SseTestClient.open(this.port, path(job),
					merge(ADMIN, Map.of("Last-Event-ID", lastEventId)))) {
				assertThat(client.status).as(lastEventId).isEqualTo(400);
			}
		}
	}

	@Test
	void theRequestThreadCommitsTheResponseBeforeAnyOtherThreadWrites() throws IOException {
		// Spring Security adds its headers on the request thread as the filter chain
		// returns. Had the tail or the heartbeat thread committed the response meanwhile,
		// both would write into the container's header table, which is not thread-safe:
		// the next request on that connection processor then fails.
		String job = newJob();
		try (SseTestClient client = SseTestClient.open(this.port, path(job),
				merge(ADMIN, Map.of(ResponseWriteRecorder.HEADER, job)))) {
			assertThat(client.status).isEqualTo(200);
			produce(job, 1, 1, "acme");
			assertThat(client.read(1, WAIT)).hasSize(1);
		}
		ResponseWriteRecorder.Recording recording = ResponseWriteRecorder.recording(job);
		assertThat(recording.writes()).extracting(ResponseWriteRecorder.Write::operation)
			.contains("status", "header X-Frame-Options", "commit");
		assertThat(recording.writes()).allSatisfy(
				(write) -> assertThat(write.thread()).as(write.operation()).isEqualTo(recording.requestThread()));
	}

	@Test
	void capsConcurrentStreamsAndReleasesEverythingWhenClientsGoAway() throws IOException {
		// Streams of earlier tests end when a heartbeat meets their closed socket: start
		// from
		// none open, so the cap is all ours.
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.controller.openStreams()).isZero());
		String job = newJob();
		produce(job, 1, 1, "acme");
		List<SseTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				SseTestClient client = SseTestClient.open(this.port, path(job), ADMIN);
				clients.add(client);
				assertThat(client.status).isEqualTo(200);
				assertThat(client.read(1, WAIT)).hasSize(1);
			}
			assertThat(this.controller.openStreams()).isEqualTo(50);
			assertThat(this.tailer.activeSessions()).isEqualTo(50);
			try (SseTestClient refused = SseTestClient.open(this.port, path(job), ADMIN)) {
				assertThat(refused.status).isEqualTo(429);
				assertThat(refused.headers).containsKey("retry-after");
			}
		}
		finally {
			for (SseTestClient client : clients) {
				client.close();
			}
		}
		// Heartbeats hit the closed sockets: every session stops, its permit comes back
		// and the idle worker threads time out.
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.controller.openStreams()).isZero();
			assertThat(this.tailer.activeSessions()).isZero();
		});
		await().atMost(WAIT).until(() -> tailThreads() == 0);
		try (SseTestClient again = SseTestClient.open(this.port, path(job) + "?follow=false", ADMIN)) {
			assertThat(again.status).isEqualTo(200);
			assertThat(again.readAll(WAIT)).hasSize(1);
		}
	}

	static long tailThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("fetchbox-job-tail-"))
			.count();
	}

	private void produce(String job, int fromSeq, int toSeq, String tenant) {
		for (int seq = fromSeq; seq <= toSeq; seq++) {
			this.topic.appendLog(log(job, seq, LogLevel.LOG_LEVEL_INFO, "message " + seq, tenant), seq);
		}
	}

	private void produceLater(String job, Duration delay) {
		java.util.concurrent.CompletableFuture
			.delayedExecutor(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
			.execute(() -> produce(job, 2, 2, "acme"));
	}

	private static JobLog log(String job, int seq, LogLevel level, String message, String tenant) {
		return JobLog.newBuilder()
			.setJobId(job)
			.setResourceId("r-1")
			.setLevel(level)
			.setMessage(message)
			.setTimestampMs(1_795_000_000_000L + seq)
			.putFields("seq", Integer.toString(seq))
			.putFields("tenant", tenant)
			.build();
	}

	private static String message(SseTestClient.Event event) {
		String data = event.data();
		int start = data.indexOf("\"message\":\"") + 11;
		return data.substring(start, data.indexOf('"', start));
	}

	private static String newJob() {
		return "job-" + UUID.randomUUID();
	}

	private static String path(String job) {
		return "/operator/jobs/" + job + "/logs";
	}

	private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
		Map<String, String> merged = new java.util.HashMap<>(a);
		merged.putAll(b);
		return merged;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		FilterRegistrationBean<ResponseWriteRecorder> responseWriteRecorder() {
			FilterRegistrationBean<ResponseWriteRecorder> registration = new FilterRegistrationBean<>(
					new ResponseWriteRecorder());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Bean
		InMemoryTopicReader inMemoryJobsLogs() {
			return new InMemoryTopicReader("jobs.logs", 4);
		}

		@Bean(destroyMethod = "close")
		JobTailer operatorJobTailer(InMemoryTopicReader inMemoryJobsLogs) {
			return new JobTailer(inMemoryJobsLogs,
					new TailSettings(200, Duration.ofMillis(10), Duration.ofMillis(500), 4));
		}

	}

}
