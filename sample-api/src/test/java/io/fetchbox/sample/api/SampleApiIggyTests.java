package io.fetchbox.sample.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Partitioning;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.iggy.JobMessages;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.JobProgress;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample API against the Iggy testkit and an H2 file ledger: the section 12 contract,
 * problem details, task messages with trace context, and the ledger kept current from
 * {@code jobs.status}.
 */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "fetchbox.sample.api.max-resources=5", "fetchbox.telemetry.logging.format=text" })
class SampleApiIggyTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("fetchbox.telemetry.iggy.address", iggy::address);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("ledger").toAbsolutePath());
	}

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	SupervisedIggyClient client;

	@BeforeEach
	void iggyIsUp() throws Exception {
		this.client.whenUp().get(20, TimeUnit.SECONDS);
	}

	@Test
	void acceptedJobIsInTheLedgerAndItsTasksCarryTheTrace() throws Exception {
		HttpResponse<String> response = post("""
				{"job_type": "images", "tenant": "acme", "resources": [
				  {"resource_id": "a", "url": "http://origin.test/a.png", "headers": {"Accept": "image/png"}},
				  {"url": "http://origin.test/b.png"}]}""");
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode accepted = this.json.readTree(response.body());
		String jobId = accepted.get("job_id").asString();
		assertThat(accepted.get("state").asString()).isEqualTo("JOB_STATE_QUEUED");
		assertThat(accepted.get("resources_total").asInt()).isEqualTo(2);

		List<StoredMessage> tasks = iggy.server()
			.messages("fetchbox", "jobs.tasks")
			.stream()
			.filter((message) -> jobId.equals(message.headers().get("job_id")))
			.toList();
		assertThat(tasks).hasSize(2);
		assertThat(tasks).extracting(StoredMessage::partitionId).containsOnly(tasks.get(0).partitionId());
		for (StoredMessage message : tasks) {
			DownloadTask task = DownloadTask.parseFrom(message.payload());
			assertThat(message.headers()).containsEntry("content-type",
					"application/x-protobuf;type=fetchbox.jobs.DownloadTask");
			assertThat(message.headers().get("traceparent")).contains("-" + task.getTraceId() + "-");
			assertThat(task.getTenant()).isEqualTo("acme");
			assertThat(task.getJobType()).isEqualTo("images");
		}
		assertThat(DownloadTask.parseFrom(tasks.get(0).payload()).getHeaders(0).getName()).isEqualTo("Accept");

		JsonNode snapshot = this.json.readTree(get("/jobs/" + jobId).body());
		assertThat(snapshot.get("state").asString()).isEqualTo("JOB_STATE_QUEUED");
		assertThat(snapshot.get("job_type").asString()).isEqualTo("images");
		assertThat(snapshot.get("tenant").asString()).isEqualTo("acme");
		assertThat(snapshot.get("resources_completed").asInt()).isZero();
	}

	@Test
	void statusMessagesUpdateTheSnapshotOncePerResource() throws Exception {
		String jobId = submitThreeResourceJob();
		sendStatus(jobId, "r1", 1, 0, "", "");
		sendStatus(jobId, "r1", 1, 0, "", "");
		sendStatus(jobId, "r2", 0, 1, "http_404", "Origin answered HTTP 404");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode snapshot = this.json.readTree(get("/jobs/" + jobId).body());
			assertThat(snapshot.get("state").asString()).isEqualTo("JOB_STATE_IN_PROGRESS");
			assertThat(snapshot.get("resources_completed").asInt()).isEqualTo(1);
			assertThat(snapshot.get("resources_failed").asInt()).isEqualTo(1);
			assertThat(snapshot.get("last_error_code").asString()).isEqualTo("http_404");
		});
		sendStatus(jobId, "r3", 1, 0, "", "");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode snapshot = this.json.readTree(get("/jobs/" + jobId).body());
			assertThat(snapshot.get("state").asString()).isEqualTo("JOB_STATE_PARTIAL");
			assertThat(snapshot.get("resources_completed").asInt()).isEqualTo(2);
			assertThat(snapshot.get("resources_total").asInt()).isEqualTo(3);
			assertThat(snapshot.get("last_error_message").asString()).isEqualTo("Origin answered HTTP 404");
		});
	}

	@Test
	void ledgerStateIsTheFoldOfTheJobsStatusMessages() throws Exception {
		String jobId = submitThreeResourceJob();
		long now = System.currentTimeMillis();
		// Two workers: appended in an order their event times contradict, one redelivery.
		sendStatus(jobId, "r2", 0, 1, "http_404", "Origin answered HTTP 404", now + 300);
		sendStatus(jobId, "r1", 1, 0, "", "", now + 100);
		sendStatus(jobId, "r3", 0, 0, "", "", now + 50);
		sendStatus(jobId, "r3", 1, 0, "", "", now + 900);
		sendStatus(jobId, "r1", 1, 0, "", "", now + 950);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode snapshot = this.json.readTree(get("/jobs/" + jobId).body());
			assertThat(snapshot.get("state").asString()).isEqualTo("JOB_STATE_PARTIAL");
		});
		JsonNode snapshot = this.json.readTree(get("/jobs/" + jobId).body());
		JobProgress fold = new JobProgress();
		iggy.server()
			.messages("fetchbox", "jobs.status")
			.stream()
			.filter((message) -> jobId.equals(message.headers().get("job_id")))
			.forEach((message) -> fold.apply(parseStatus(message.payload()), message.headers().get("resource_id")));
		assertThat(snapshot.get("state").asString()).isEqualTo(fold.state().name());
		assertThat(snapshot.get("resources_total").asInt()).isEqualTo(fold.total()).isEqualTo(3);
		assertThat(snapshot.get("resources_completed").asInt()).isEqualTo(fold.completed()).isEqualTo(2);
		assertThat(snapshot.get("resources_failed").asInt()).isEqualTo(fold.failed()).isEqualTo(1);
		assertThat(snapshot.get("last_error_code").asString()).isEqualTo(fold.lastErrorCode());
		assertThat(snapshot.get("last_error_message").asString()).isEqualTo(fold.lastErrorMessage());
	}

	@Test
	void invalidJobIsAProblemNamingTheField() throws Exception {
		HttpResponse<String> response = post("""
				{"job_type": "images", "tenant": "acme", "resources": [
				  {"url": "http://origin.test/a.png"}, {"url": "ftp://origin.test/b"}]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("field").asString()).isEqualTo("resources[1].url");
		assertThat(problem.get("detail").asString()).contains("resources[1].url");
	}

	@Test
	void missingFieldsAndLimitsAreNamed() throws Exception {
		JsonNode missing = this.json.readTree(post("{\"resources\": []}").body());
		assertThat(missing.get("errors").findValuesAsString("field")).containsExactly("job_type", "tenant",
				"resources");
		String six = "{\"url\": \"http://o.test/x\"},".repeat(6);
		HttpResponse<String> tooMany = post("{\"job_type\": \"a\", \"tenant\": \"t\", \"resources\": ["
				+ six.substring(0, six.length() - 1) + "]}");
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(tooMany.body()).get("detail").asString())
			.isEqualTo("resources: must contain at most 5 resources");
	}

	@Test
	void unknownJobIsNotFound() throws Exception {
		HttpResponse<String> response = get("/jobs/nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private void sendStatus(String jobId, String resourceId, int completed, int failed, String code, String message)
			throws Exception {
		sendStatus(jobId, resourceId, completed, failed, code, message, System.currentTimeMillis());
	}

	private void sendStatus(String jobId, String resourceId, int completed, int failed, String code, String message,
			long timestampMs) throws Exception {
		JobStatus status = JobStatus.newBuilder()
			.setTimestampMs(timestampMs)
			.setJobId(jobId)
			.setState(JobState.JOB_STATE_IN_PROGRESS)
			.setResourcesCompleted(completed)
			.setResourcesFailed(failed)
			.setLastErrorCode(code)
			.setLastErrorMessage(message)
			.build();
		var iggyMessage = JobMessages.message(status, jobId, Map.of("resource_id", resourceId));
		this.client
			.call("test status",
					(sdk) -> sdk.messages()
						.sendMessages(StreamId.of("fetchbox"), TopicId.of("jobs.status"),
								Partitioning.messagesKey(jobId), List.of(iggyMessage)))
			.get(10, TimeUnit.SECONDS);
	}

	@Test
	void metricsCarryTheApiRolesFromTheStartAndNoWorkerSeries() throws Exception {
		List<String> series = get("/metrics").body().lines().filter((line) -> !line.startsWith("#")).toList();
		// At 0 until used, so rate() and the dashboards work at once.
		assertThat(series)
			.anyMatch((line) -> line.startsWith("fetchbox_ingest_jobs_total{") && line.contains("result=\"duplicate\""))
			.anyMatch((line) -> line.startsWith("fetchbox_ingest_duration_seconds_count{"))
			.anyMatch((line) -> line.startsWith("fetchbox_ledger_pruned_jobs_total{"))
			.anyMatch((line) -> line.startsWith("fetchbox_operator_requests_total{"))
			.noneMatch((line) -> line.startsWith("fetchbox_worker_") || line.startsWith("fetchbox_proxy_"));
	}

	private static JobStatus parseStatus(byte[] payload) {
		try {
			return JobStatus.parseFrom(payload);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String submitThreeResourceJob() throws Exception {
		return this.json.readTree(post("""
				{"job_type": "docs", "tenant": "acme", "resources": [
				  {"resource_id": "r1", "url": "http://origin.test/1"},
				  {"resource_id": "r2", "url": "http://origin.test/2"},
				  {"resource_id": "r3", "url": "http://origin.test/3"}]}""").body()).get("job_id").asString();
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/jobs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
