package io.fetchbox.observability.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.SdkJobLogProducer;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSE endpoint end to end: the auto-configured supervised Iggy client against the
 * Iggy testkit over TCP, records published with the SDK as the appender publishes them,
 * read by a raw socket SSE client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fetchbox.telemetry.operator.log-stream.enabled=true",
				"fetchbox.telemetry.operator.log-stream.max-streams=50",
				"fetchbox.telemetry.operator.log-stream.heartbeat-interval=200ms",
				"fetchbox.telemetry.operator.log-stream.poll-interval=500ms",
				"fetchbox.telemetry.operator.credentials[0].username=admin",
				"fetchbox.telemetry.operator.credentials[0].password=s3cret",
				"fetchbox.telemetry.operator.credentials[1].username=acme-ops",
				"fetchbox.telemetry.operator.credentials[1].token=acme-token",
				"fetchbox.telemetry.operator.credentials[1].tenant=acme",
				// The cached context outlives this class's broker; without job-log
				// shipping it has nothing to wait for when it closes at JVM exit.
				"fetchbox.telemetry.joblog.enabled=false" })
class JobLogStreamIggyTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Map<String, String> ADMIN = Map.of("Authorization",
			"Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)));

	private static final Map<String, String> ACME = Map.of("Authorization", "Bearer acme-token");

	@DynamicPropertySource
	static void iggyAddress(DynamicPropertyRegistry registry) {
		registry.add("fetchbox.telemetry.iggy.address", iggy::address);
	}

	@LocalServerPort
	int port;

	@Autowired
	JobTailer tailer;

	@Autowired
	JobLogStreamController controller;

	@BeforeEach
	void topicsProvisioned() {
		await().atMost(WAIT)
			.until(() -> iggy.server().topology().getOrDefault("fetchbox", List.of()).contains("jobs.logs"));
	}

	@Test
	void aTenantReadsItsJobWhileItLogsAndResumesWithoutDuplicatesOrGaps() throws IOException {
		String job = "job-" + UUID.randomUUID();
		try (SdkJobLogProducer producer = producer()) {
			producer.send(logs(job, 1, 3));
			List<SseTestClient.Event> seen = new ArrayList<>();
			try (SseTestClient client = SseTestClient.open(this.port, path(job), ACME)) {
				assertThat(client.status).isEqualTo(200);
				seen.addAll(client.read(3, WAIT));
				producer.send(logs(job, 4, 6));
				seen.addAll(client.read(2, WAIT));
			}
			// The client dropped after five events; the job keeps logging, and a producer
			// retry re-sends records 7 and 8.
			producer.send(logs(job, 7, 9));
			producer.send(logs(job, 7, 8));
			try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?follow=false",
					with(ACME, "Last-Event-ID", seen.get(4).id()))) {
				seen.addAll(client.readAll(WAIT));
			}
			assertThat(seen).extracting(JobLogStreamIggyTests::message)
				.containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6",
						"message 7", "message 8", "message 9");
			assertThat(seen).extracting(SseTestClient.Event::id).doesNotHaveDuplicates();
		}
	}

	@Test
	void anotherTenantsJobIsNotFound() throws IOException {
		String job = "job-" + UUID.randomUUID();
		try (SdkJobLogProducer producer = producer()) {
			producer.send(JobLog.newBuilder(logs(job, 1, 1)[0]).putFields("tenant", "globex").build());
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(job), ACME)) {
			assertThat(client.status).isEqualTo(404);
		}
		try (SseTestClient client = SseTestClient.open(this.port, path(job), Map.of())) {
			assertThat(client.status).isEqualTo(401);
		}
	}

	@Test
	void fiftyStreamsThatDisconnectLeaveNoIggyClientsOrThreadsBehind() throws IOException {
		String job = "job-" + UUID.randomUUID();
		try (SdkJobLogProducer producer = producer()) {
			producer.send(logs(job, 1, 1));
		}
		// Warm up: the shared reader connection exists once the first stream has read.
		try (SseTestClient client = SseTestClient.open(this.port, path(job) + "?follow=false", ADMIN)) {
			assertThat(client.readAll(WAIT)).hasSize(1);
		}
		await().atMost(WAIT).until(() -> JobLogStreamEndpointTests.tailThreads() == 0);
		int connections = iggy.server().connectionCount();
		long iggyThreads = threads("fetchbox-iggy-");
		List<SseTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				SseTestClient client = SseTestClient.open(this.port, path(job), ADMIN);
				clients.add(client);
				assertThat(client.status).isEqualTo(200);
				assertThat(client.read(1, WAIT)).hasSize(1);
			}
			try (SseTestClient refused = SseTestClient.open(this.port, path(job), ADMIN)) {
				assertThat(refused.status).isEqualTo(429);
			}
			assertThat(iggy.server().connectionCount()).isEqualTo(connections);
		}
		finally {
			for (SseTestClient client : clients) {
				client.close();
			}
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.controller.openStreams()).isZero();
			assertThat(this.tailer.activeSessions()).isZero();
		});
		await().atMost(WAIT).until(() -> JobLogStreamEndpointTests.tailThreads() == 0);
		assertThat(iggy.server().connectionCount()).isEqualTo(connections);
		assertThat(threads("fetchbox-iggy-")).isEqualTo(iggyThreads);
	}

	private static long threads(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith(prefix)).count();
	}

	private static SdkJobLogProducer producer() {
		return new SdkJobLogProducer(iggy.host(), iggy.port(), "fetchbox", "jobs.logs", 4);
	}

	private static JobLog[] logs(String job, int from, int to) {
		List<JobLog> logs = new ArrayList<>();
		for (int seq = from; seq <= to; seq++) {
			logs.add(JobLog.newBuilder()
				.setJobId(job)
				.setResourceId("r-1")
				.setLevel(LogLevel.LOG_LEVEL_INFO)
				.setMessage("message " + seq)
				.setTimestampMs(1_795_000_000_000L + seq)
				.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
				.putFields("seq", Integer.toString(seq))
				.putFields("tenant", "acme")
				.build());
		}
		return logs.toArray(JobLog[]::new);
	}

	private static String message(SseTestClient.Event event) {
		String data = event.data();
		int start = data.indexOf("\"message\":\"") + 11;
		return data.substring(start, data.indexOf('"', start));
	}

	private static String path(String job) {
		return "/operator/jobs/" + job + "/logs";
	}

	private static Map<String, String> with(Map<String, String> headers, String name, String value) {
		Map<String, String> merged = new HashMap<>(headers);
		merged.put(name, value);
		return merged;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
