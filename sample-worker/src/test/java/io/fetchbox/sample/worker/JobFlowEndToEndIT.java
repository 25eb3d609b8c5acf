package io.fetchbox.sample.worker;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.fetchbox.observability.messages.DeadLetterTask;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;
import io.fetchbox.observability.tracing.OtlpTraceReceiver;
import io.fetchbox.observability.tracing.OtlpTraceReceiver.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FetchBox job flow end to end, with the real executable jars of the sample API and
 * worker as separate processes, the Iggy testkit, S3Mock, a decoding OTLP receiver and a
 * local HTTP origin: a job of 20 resources (404s, slow ones, a flaky one, one through a
 * failing proxy pool) completes with the right counts while a worker is killed mid-job
 * and replaced; one trace id covers the API request and every task.
 */
class JobFlowEndToEndIT {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@RegisterExtension
	static final S3MockExtension s3 = S3MockExtension.builder()
		.withInitialBuckets("objects")
		.withHttpPort(0)
		.withHttpsPort(0)
		// S3Mock is a Boot app in this JVM, which has the starter on its class path.
		.withProperty("spring.autoconfigure.exclude",
				"io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration,"
						+ "io.fetchbox.observability.autoconfigure.joblog.JobLogAutoConfiguration")
		.silent()
		.build();

	@TempDir
	Path work;

	private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

	private final SampleServices services = new SampleServices();

	private final ObjectMapper json = new ObjectMapper();

	@AfterEach
	void stop() throws InterruptedException {
		this.services.close();
	}

	@Test
	void jobCompletesWithOneTraceAndSurvivesAWorkerKill() throws Exception {
		OtlpTraceReceiver otlp = this.services.otlp();
		SampleServices.Api started = this.services.startApi(this.work, iggy.address(), otlp.endpoint(), List.of());
		ServiceProcess api = started.process();
		int apiPort = started.port();
		SampleServices.Worker firstWorker = startWorker("worker-1");
		this.services.awaitReady(started, firstWorker);

		// Each service exports the meters of its role from the start: the API its ingest,
		// operator and ledger series, the worker its task series (at 0) and its proxy
		// pool.
		assertThat(get("http://127.0.0.1:" + apiPort + "/metrics").body())
			.contains("fetchbox_ingest_jobs_total{", "fetchbox_operator_requests_total{",
					"fetchbox_ledger_jobs_created_total{")
			.doesNotContain("fetchbox_worker_", "fetchbox_proxy_");
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			String workerAtStart = get("http://127.0.0.1:" + firstWorker.managementPort() + "/metrics").body();
			assertThat(workerAtStart)
				.contains("fetchbox_worker_tasks_total{", "fetchbox_worker_dlq_total{",
						"fetchbox_proxy_failures_total{pool=\"broken\"")
				.doesNotContain("fetchbox_ingest_", "fetchbox_ledger_", "fetchbox_operator_");
			assertThat(
					sum(workerAtStart, "fetchbox_worker_tasks_total") + sum(workerAtStart, "fetchbox_worker_dlq_total"))
				.isZero();
		});

		// A job's tasks share one partition and the worker polls batches of 4 in order:
		// batch 1 is fast, batch 2 is slow, so the kill lands while batch 2 is in flight.
		List<String> resources = new ArrayList<>();
		Set<String> missing = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			resources.add(resource("f" + i, originUrl("127.0.0.1", "/files/f" + i + ".txt")));
		}
		for (int i = 0; i < 3; i++) {
			resources.add(resource("s" + i, originUrl("127.0.0.1", "/slow/s" + i + "?ms=12000")));
		}
		for (int i = 4; i < 12; i++) {
			resources.add(resource("f" + i, originUrl("127.0.0.1", "/files/f" + i + ".txt")));
		}
		for (int i = 0; i < 3; i++) {
			missing.add("m" + i);
			resources.add(resource("m" + i, originUrl("127.0.0.1", "/missing/m" + i)));
		}
		resources.add(resource("flaky", originUrl("127.0.0.1", "/flaky/once")));
		// "localhost" is routed through the failing proxy pool first.
		resources.add(resource("proxied", originUrl("localhost", "/files/proxied.txt")));
		String jobId = this.services.submitJob(started, resources);
		String jobUrl = "http://127.0.0.1:" + apiPort + "/jobs/" + jobId;

		// Kill the first worker mid-job: once the first batch is done (and its spans are
		// exported: a killed process loses what it has not sent), during the slow batch.
		await().atMost(Duration.ofSeconds(120))
			.ignoreExceptions()
			.until(() -> done(jobUrl) >= 4 && taskSpanResources(jobId).containsAll(Set.of("f0", "f1", "f2", "f3")));
		firstWorker.process().kill();
		assertThat(done(jobUrl)).isLessThan(20);
		SampleServices.Worker secondWorker = startWorker("worker-2");

		await().atMost(Duration.ofSeconds(180)).ignoreExceptions().untilAsserted(() -> {
			JsonNode job = this.json.readTree(get(jobUrl).body());
			assertThat(job.get("state").asString()).isEqualTo("JOB_STATE_PARTIAL");
			assertThat(job.get("resources_total").asInt()).isEqualTo(20);
			assertThat(job.get("resources_completed").asInt()).isEqualTo(17);
			assertThat(job.get("resources_failed").asInt()).isEqualTo(3);
			assertThat(job.get("last_error_code").asString()).isEqualTo("http_404");
		});

		// The operator's view of the job ends with the state and totals the API reports.
		JsonNode snapshot = this.json.readTree(get(jobUrl).body());
		List<String> status = cli("tail-status", "--job-id", jobId, "--address", iggy.address());
		assertThat(status).last()
			.isEqualTo("job " + jobId + " PARTIAL completed=17 failed=3 total=20 last_error=http_404: "
					+ snapshot.get("last_error_message").asString());

		// Failures are dead-lettered (at least once each, nothing else).
		Set<String> deadLettered = iggy.server()
			.messages("fetchbox", "jobs.dlq")
			.stream()
			.filter((message) -> jobId.equals(message.headers().get("job_id")))
			.map((message) -> parseDeadLetter(message))
			.peek((dead) -> assertThat(dead.getFailureCode()).isEqualTo("http_404"))
			.map((dead) -> dead.getTask().getResourceId())
			.collect(Collectors.toSet());
		assertThat(deadLettered).isEqualTo(missing);

		// Every downloaded object is in S3, none lost.
		try (S3Client client = s3.createS3ClientV2()) {
			List<String> keys = client
				.listObjectsV2(ListObjectsV2Request.builder().bucket("objects").prefix("acme/" + jobId + "/").build())
				.contents()
				.stream()
				.map(S3Object::key)
				.toList();
			assertThat(keys).hasSize(17).contains("acme/" + jobId + "/proxied", "acme/" + jobId + "/flaky");
		}

		// One trace: the API request span and every worker task span.
		String traceId = DownloadTask
			.parseFrom(iggy.server()
				.messages("fetchbox", "jobs.tasks")
				.stream()
				.filter((message) -> jobId.equals(message.headers().get("job_id")))
				.findFirst()
				.orElseThrow()
				.payload())
			.getTraceId();
		assertThat(traceId).matches("[0-9a-f]{32}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<ReceivedSpan> spans = this.services.otlp().spans();
			assertThat(spans).anySatisfy((span) -> {
				assertThat(span.serviceName()).isEqualTo("fetchbox-api");
				assertThat(span.name()).containsIgnoringCase("/jobs");
				assertThat(span.traceId()).isEqualTo(traceId);
			});
			List<ReceivedSpan> tasks = spans.stream()
				.filter((span) -> span.name().equals("task") && jobId.equals(span.attributes().get("job_id")))
				.toList();
			assertThat(tasks).allSatisfy((span) -> {
				assertThat(span.serviceName()).isEqualTo("fetchbox-worker");
				assertThat(span.traceId()).isEqualTo(traceId);
			});
			assertThat(tasks.stream().map((span) -> span.attributes().get("resource_id")).collect(Collectors.toSet()))
				.hasSize(20);
		});

		// Every job log record of the job carries its trace id and job id.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<JobLog> logs = iggy.server()
				.messages("fetchbox", "jobs.logs")
				.stream()
				.map(JobFlowEndToEndIT::parseJobLog)
				.filter((log) -> log.getJobId().equals(jobId))
				.toList();
			assertThat(logs).extracting(JobLog::getMessage).anyMatch((message) -> message.startsWith("task completed"));
			assertThat(logs).extracting(JobLog::getMessage).anyMatch((message) -> message.startsWith("task failed"));
			assertThat(logs).allSatisfy((log) -> assertThat(log.getTraceId()).isEqualTo(traceId));
		});

		// Both services' metrics show the job. The second worker handled everything after
		// the first batch (the first worker's counters died with it).
		String apiMetrics = get("http://127.0.0.1:" + apiPort + "/metrics").body();
		assertThat(sum(apiMetrics, "fetchbox_ingest_jobs_total", "result=\"accepted\"")).isEqualTo(1);
		assertThat(sum(apiMetrics, "fetchbox_ledger_jobs_created_total")).isEqualTo(1);
		assertThat(sum(apiMetrics, "fetchbox_ledger_idempotency_misses_total")).isEqualTo(20);
		String workerMetrics = get("http://127.0.0.1:" + secondWorker.managementPort() + "/metrics").body();
		assertThat(sum(workerMetrics, "fetchbox_worker_tasks_total", "outcome=\"succeeded\"", "trace=\"present\""))
			.isEqualTo(13);
		assertThat(sum(workerMetrics, "fetchbox_worker_tasks_total", "outcome=\"dead_lettered\"")).isEqualTo(3);
		assertThat(sum(workerMetrics, "fetchbox_worker_tasks_total", "trace=\"missing\"")).isZero();
		assertThat(sum(workerMetrics, "fetchbox_worker_dlq_total")).isEqualTo(3);
		assertThat(sum(workerMetrics, "fetchbox_proxy_failures_total", "pool=\"broken\"")).isEqualTo(1);
		assertThat(sum(workerMetrics, "fetchbox_worker_retries_total")).isEqualTo(1);
		assertThat(sum(workerMetrics, "fetchbox_worker_tasks_inflight")).isZero();

		// Both services are ready: Iggy, storage (S3 bucket) and ledger checks are up.
		assertThat(get("http://127.0.0.1:" + apiPort + "/health/ready").statusCode()).isEqualTo(200);
		assertThat(get("http://127.0.0.1:" + secondWorker.port() + "/health/ready").statusCode()).isEqualTo(200);

		// Every JSON log line of both services names their version (the jar's
		// Implementation-Version).
		for (ServiceProcess process : List.of(api, secondWorker.process())) {
			List<String> lines = process.output().lines().filter((line) -> line.startsWith("{")).toList();
			assertThat(lines).as("JSON lines of %s", process)
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(this.json.readTree(line).path("version").asString()).as(line)
					.isEqualTo(VERSION));
		}

		assertThat(secondWorker.process().stop()).as("graceful stop of %s", secondWorker.process()).isTrue();
		assertThat(secondWorker.process().output()).contains("Stopped consuming");
		api.stop();
	}

	private static List<String> cli(String... args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						Path.of("../fetchbox-iggy-cli/target/fetchbox-iggy-cli-" + VERSION + ".jar")
							.toAbsolutePath()
							.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out.lines().toList();
	}

	private SampleServices.Worker startWorker(String name) throws IOException {
		return this.services.startWorker(this.work, name, iggy.address(), this.services.otlp().endpoint(),
				List.of("--fetchbox.sample.worker.storage.s3.bucket=objects",
						"--fetchbox.sample.worker.storage.s3.endpoint=http://127.0.0.1:" + s3.getHttpPort(),
						"--fetchbox.sample.worker.storage.s3.access-key=test",
						"--fetchbox.sample.worker.storage.s3.secret-key=test"));
	}

	private Set<String> taskSpanResources(String jobId) {
		return this.services.otlp()
			.spans()
			.stream()
			.filter((span) -> span.name().equals("task") && jobId.equals(span.attributes().get("job_id")))
			.map((span) -> span.attributes().get("resource_id"))
			.collect(Collectors.toSet());
	}

	/** Sum of the samples of a Prometheus metric whose labels contain every fragment. */
	private static double sum(String scrape, String name, String... labelFragments) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> java.util.Arrays.stream(labelFragments).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private int done(String jobUrl) throws Exception {
		JsonNode job = this.json.readTree(get(jobUrl).body());
		return job.get("resources_completed").asInt() + job.get("resources_failed").asInt();
	}

	private String resource(String id, String url) {
		return SampleServices.resource(id, url);
	}

	private String originUrl(String host, String path) throws IOException {
		return this.services.originUrl(host, path);
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.services.get(url);
	}

	private static DeadLetterTask parseDeadLetter(StoredMessage message) {
		try {
			return DeadLetterTask.parseFrom(message.payload());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JobLog parseJobLog(StoredMessage message) {
		try {
			return JobLog.parseFrom(message.payload());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
