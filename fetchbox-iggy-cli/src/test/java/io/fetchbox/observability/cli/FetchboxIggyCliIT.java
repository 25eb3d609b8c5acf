package io.fetchbox.observability.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.MessageLite;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.testkit.ClosedPort;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.testkit.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Runs the shaded jar as a separate process ({@code java -jar}) against the Iggy testkit,
 * and checks what a shell user sees: output line by line, exit codes, one-line errors.
 */
class FetchboxIggyCliIT {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private static final long T0 = 1_795_464_637_000L;

	private static IggyTcpClient client;

	@TempDir
	Path dir;

	@BeforeAll
	static void topics() {
		client = IggyTcpClient.builder()
			.host(iggy.host())
			.port(iggy.port())
			.credentials("iggy", "iggy")
			.buildAndLogin();
		// SDK 0.8.0 returns from login before it marks the client authenticated (a later
		// callback on its I/O thread does that): the next call could fail "Not
		// authenticated" on a busy machine. Wait until an authenticated call goes
		// through.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(IggyNotConnectedException.class)
			.until(() -> client.system().getMe() != null);
		client.streams().createStream("fetchbox");
		createTopic("jobs.logs", 4);
		createTopic("jobs.status", 4);
		createTopic("jobs.tasks", 8);
	}

	@AfterAll
	static void close() {
		client.close();
	}

	@Test
	void printsPrettyLinesOldestFirst() throws Exception {
		String job = "job-pretty";
		publishLogs(job, 1, 3);
		publish("jobs.logs", "another-job", log("another-job", 1, LogLevel.LOG_LEVEL_ERROR, "not mine"));
		Result result = run("tail-logs", "--job-id", job, "--no-color");
		assertThat(result.exitCode).isZero();
		assertThat(result.err).isEmpty();
		assertThat(result.out).containsExactly(
				"2026-11-23T20:10:37.001Z INFO  step 1 resource_id=r-1 attempt=1 trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
				"2026-11-23T20:10:37.002Z WARN  step 2 resource_id=r-1 attempt=1 trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
				"2026-11-23T20:10:37.003Z ERROR step 3 resource_id=r-1 attempt=1 trace_id=4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void printsJsonLinesWithTheStdoutFieldNamesAndFiltersByLevel() throws Exception {
		String job = "job-json";
		publishLogs(job, 1, 3);
		Result result = run("tail-logs", "--job-id", job, "--output", "json", "--level", "WARN");
		assertThat(result.exitCode).isZero();
		assertThat(result.out).containsExactly(
				"{\"timestamp\":\"2026-11-23T20:10:37.002Z\",\"level\":\"WARN\",\"message\":\"step 2\",\"job_id\":\"job-json\","
						+ "\"resource_id\":\"r-1\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"attempt\":\"1\",\"seq\":\"2\"}",
				"{\"timestamp\":\"2026-11-23T20:10:37.003Z\",\"level\":\"ERROR\",\"message\":\"step 3\",\"job_id\":\"job-json\","
						+ "\"resource_id\":\"r-1\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"attempt\":\"1\",\"seq\":\"3\"}");
	}

	@Test
	void followPrintsRecordsAsTheyAreProduced() throws Exception {
		String job = "job-follow";
		publishLogs(job, 1, 2);
		Process process = start(Map.of("IGGY_ADDRESS", iggy.address()), "tail-logs", "--job-id", job, "--follow",
				"--output", "json");
		BlockingQueue<String> lines = lines(process);
		try {
			assertThat(lines.poll(30, TimeUnit.SECONDS)).contains("\"message\":\"step 1\"");
			assertThat(lines.poll(30, TimeUnit.SECONDS)).contains("\"message\":\"step 2\"");
			assertThat(lines.poll(500, TimeUnit.MILLISECONDS)).isNull();
			publishLogs(job, 3, 3);
			assertThat(lines.poll(30, TimeUnit.SECONDS)).contains("\"message\":\"step 3\"");
			assertThat(process.isAlive()).isTrue();
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void sinceStartsAtAnAppendTime() throws Exception {
		String job = "job-since";
		publishLogs(job, 1, 2);
		Instant between = Instant.now();
		await().pollDelay(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(between.plusMillis(2)));
		publishLogs(job, 3, 3);
		Result result = run("tail-logs", "--job-id", job, "--since", between.toString(), "--no-color");
		assertThat(result.exitCode).isZero();
		assertThat(result.out).hasSize(1).allMatch((line) -> line.contains(" step 3 "));
		Result recent = run("tail-logs", "--job-id", job, "--since", "10m", "--no-color");
		assertThat(recent.out).hasSize(3);
	}

	@Test
	void unknownJobOrTopicExitsWithThree() throws Exception {
		Result job = run("tail-logs", "--job-id", "no-such-job");
		assertThat(job.exitCode).isEqualTo(3);
		assertThat(job.err).containsExactly("error: no records for job 'no-such-job' in fetchbox/jobs.logs");
		Result topic = run("tail-logs", "--job-id", "x", "--topic", "no.such.topic");
		assertThat(topic.exitCode).isEqualTo(3);
		assertThat(topic.err).containsExactly("error: topic 'no.such.topic' not found in stream 'fetchbox'");
	}

	@Test
	void badFlagsExitWithOneAndOneLine() throws Exception {
		Result result = run("tail-logs", "--job-id", "x", "--level", "LOUD");
		assertThat(result.exitCode).isEqualTo(1);
		assertThat(result.err).hasSize(1)
			.allMatch((line) -> line.startsWith("error: Invalid value for option '--level'"));
		Result missing = run("tail-logs");
		assertThat(missing.exitCode).isEqualTo(1);
		assertThat(missing.err).containsExactly(
				"error: Missing required option: '--job-id=ID' (see 'fetchbox-iggy-cli tail-logs --help')");
	}

	@Test
	void unreachableBrokerOrBadCredentialsExitWithTwoAndOneLine() throws Exception {
		try (ClosedPort closed = ClosedPort.reserve()) {
			Result unreachable = runWith(Map.of("IGGY_ADDRESS", closed.address()), "tail-logs", "--job-id", "x");
			assertThat(unreachable.exitCode).isEqualTo(2);
			assertThat(unreachable.err).containsExactly("error: cannot connect to Iggy at " + closed.address()
					+ " (check --address or IGGY_ADDRESS, and that the broker runs)");
		}
		Result badPassword = runWith(Map.of("IGGY_ADDRESS", iggy.address(), "IGGY_PASSWORD", "hunter2"), "tail-logs",
				"--job-id", "x");
		assertThat(badPassword.exitCode).isEqualTo(2);
		assertThat(badPassword.err).hasSize(1);
		assertThat(badPassword.err.get(0)).contains("refused the credentials of user 'iggy'").doesNotContain("hunter2");
	}

	@Test
	void tailStatusPrintsMessagesInEventTimeOrderAndEndsWithTheJobsRealState() throws Exception {
		String job = "job-status";
		// Appended in this order by two workers; their event times say otherwise.
		publishStatus(job, null, queued(job, 3), T0);
		publishStatus(job, "b", failed(job, "http_404", "Origin answered HTTP 404"), T0 + 300);
		publishStatus(job, "a", completed(job), T0 + 200);
		publishStatus(job, "c", started(job), T0 + 100);
		publishStatus(job, "c", completed(job), T0 + 900);
		publishStatus(job, "a", completed(job), T0 + 950);
		Result result = run("tail-status", "--job-id", job);
		assertThat(result.exitCode).isZero();
		assertThat(result.err).isEmpty();
		assertThat(result.out).containsExactly(
				"2026-11-23T20:10:37.000Z job queued -> QUEUED completed=0 failed=0 total=3",
				"2026-11-23T20:10:37.100Z resource=c started -> IN_PROGRESS completed=0 failed=0 total=3",
				"2026-11-23T20:10:37.200Z resource=a completed -> IN_PROGRESS completed=1 failed=0 total=3",
				"2026-11-23T20:10:37.300Z resource=b failed http_404: Origin answered HTTP 404 -> IN_PROGRESS completed=1 failed=1 total=3",
				"2026-11-23T20:10:37.900Z resource=c completed -> PARTIAL completed=2 failed=1 total=3",
				"2026-11-23T20:10:37.950Z resource=a completed (duplicate, not counted) -> PARTIAL completed=2 failed=1 total=3",
				"job job-status PARTIAL completed=2 failed=1 total=3 last_error=http_404: Origin answered HTTP 404");
		Result json = run("tail-status", "--job-id", job, "--output", "json");
		assertThat(json.exitCode).isZero();
		assertThat(json.out).hasSize(6);
		assertThat(json.out.get(0))
			.isEqualTo("{\"job_id\":\"job-status\",\"job_type\":\"crawl\",\"state\":\"JOB_STATE_QUEUED\","
					+ "\"resources_total\":3,\"timestamp_ms\":\"1795464637000\"}");
		assertThat(json.out.get(1))
			.startsWith("{\"job_id\":\"job-status\",\"job_type\":\"crawl\",\"state\":\"JOB_STATE_IN_PROGRESS\"")
			.contains("\"resources_failed\":1,\"last_error_code\":\"http_404\"");
	}

	@Test
	void followStoppedWithCtrlCPrintsTheSummaryAndExits130() throws Exception {
		assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (the build was started in the background "
				+ "by a non-interactive shell), and the CLI inherits that, as any program does");
		String job = "job-sigint";
		publishStatus(job, null, queued(job, 2), T0);
		publishStatus(job, "a", completed(job), T0 + 10);
		Process process = start(Map.of("IGGY_ADDRESS", iggy.address()), "tail-status", "--job-id", job, "--follow");
		BlockingQueue<String> lines = lines(process);
		try {
			assertThat(lines.poll(30, TimeUnit.SECONDS)).endsWith("job queued -> QUEUED completed=0 failed=0 total=2");
			assertThat(lines.poll(10, TimeUnit.SECONDS))
				.endsWith("resource=a completed -> IN_PROGRESS completed=1 failed=0 total=2");
			assertThat(lines.poll(10, TimeUnit.SECONDS))
				.isEqualTo("job job-sigint IN_PROGRESS completed=1 failed=0 total=2");
			publishStatus(job, "b", completed(job), T0 + 20);
			assertThat(lines.poll(10, TimeUnit.SECONDS))
				.endsWith("resource=b completed -> COMPLETED completed=2 failed=0 total=2");
			assertThat(lines.poll(10, TimeUnit.SECONDS))
				.isEqualTo("job job-sigint COMPLETED completed=2 failed=0 total=2");
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
			assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(130);
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void tailLogsOrdersRecordsByTheirTimestamp() throws Exception {
		String job = "job-order";
		// Two threads of one worker: appended out of their logging order.
		publish("jobs.logs", job,
				log(job, 1, LogLevel.LOG_LEVEL_INFO, "thread b step").toBuilder().setTimestampMs(T0 + 30).build());
		publish("jobs.logs", job,
				log(job, 2, LogLevel.LOG_LEVEL_INFO, "thread a step").toBuilder().setTimestampMs(T0 + 10).build());
		publish("jobs.logs", job,
				log(job, 3, LogLevel.LOG_LEVEL_INFO, "thread a next").toBuilder().setTimestampMs(T0 + 20).build());
		Result result = run("tail-logs", "--job-id", job, "--no-color");
		assertThat(result.exitCode).isZero();
		assertThat(result.out).extracting((line) -> line.substring(0, 40))
			.containsExactly("2026-11-23T20:10:37.010Z INFO  thread a ", "2026-11-23T20:10:37.020Z INFO  thread a ",
					"2026-11-23T20:10:37.030Z INFO  thread b ");
	}

	@Test
	void publishTaskSendsAValidatedTaskKeyedByJobId() throws Exception {
		Path task = this.dir.resolve("task.json");
		Files.writeString(task, """
				{"job_id": "job-task", "job_type": "crawl", "tenant": "acme", "resource_id": "r-1",
				 "url": "https://example.com/a.pdf", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}
				""");
		Result result = run("publish-task", "--file", task.toString());
		assertThat(result.exitCode).isZero();
		assertThat(result.out).hasSize(1)
			.allMatch((line) -> line
				.startsWith("published task job_id=job-task resource_id=r-1 to fetchbox/jobs.tasks partition="));
		StoredMessage stored = iggy.server()
			.messages("fetchbox", "jobs.tasks")
			.stream()
			.filter((message) -> "job-task".equals(message.headers().get("job_id")))
			.findFirst()
			.orElseThrow();
		assertThat(stored.headers()).containsEntry("content-type",
				"application/x-protobuf;type=fetchbox.jobs.DownloadTask");
		assertThat(stored.headers().get("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
		assertThat(DownloadTask.parseFrom(stored.payload()).getUrl()).isEqualTo("https://example.com/a.pdf");

		Files.writeString(task, "{\"job_id\": \"job-task\", \"job_type\": \"crawl\", \"resource_id\": \"r-1\"}");
		Result invalid = run("publish-task", "--file", task.toString());
		assertThat(invalid.exitCode).isEqualTo(1);
		assertThat(invalid.err).containsExactly("error: task.json: field 'url' is required");
	}

	@Test
	void launcherScriptRunsTheJar() throws Exception {
		Path launcher = Paths.get("bin", "fetchbox-iggy-cli").toAbsolutePath();
		ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version");
		builder.environment().put("FETCHBOX_IGGY_CLI_JAR", jar().toString());
		Result result = Result.of(builder.start());
		assertThat(result.exitCode).isZero();
		assertThat(result.out).containsExactly("fetchbox-iggy-cli 0.1.0-SNAPSHOT");
	}

	private static void createTopic(String name, long partitions) {
		client.topics()
			.createTopic(StreamId.of("fetchbox"), partitions, CompressionAlgorithm.None, BigInteger.ZERO,
					BigInteger.ZERO, Optional.empty(), name);
	}

	private static void publishLogs(String job, int from, int to) {
		LogLevel[] levels = { LogLevel.LOG_LEVEL_INFO, LogLevel.LOG_LEVEL_WARN, LogLevel.LOG_LEVEL_ERROR };
		for (int seq = from; seq <= to; seq++) {
			publish("jobs.logs", job, log(job, seq, levels[(seq - 1) % 3], "step " + seq));
		}
	}

	private static JobLog log(String job, int seq, LogLevel level, String message) {
		return JobLog.newBuilder()
			.setJobId(job)
			.setResourceId("r-1")
			.setLevel(level)
			.setMessage(message)
			.setTimestampMs(T0 + seq)
			.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.putFields("seq", Integer.toString(seq))
			.putFields("attempt", "1")
			.build();
	}

	/**
	 * Publishes as the appender and the API do: keyed by job id, with job_id and
	 * content-type headers.
	 */
	private static void publish(String topic, String job, MessageLite payloadMessage) {
		publish(topic, job, payloadMessage, Map.of());
	}

	private static void publish(String topic, String job, MessageLite payloadMessage, Map<String, String> more) {
		byte[] payload = payloadMessage.toByteArray();
		Map<HeaderKey, HeaderValue> headers = new HashMap<>();
		more.forEach((name, value) -> headers.put(HeaderKey.fromString(name), HeaderValue.fromString(value)));
		headers.put(HeaderKey.fromString("job_id"), HeaderValue.fromString(job));
		headers.put(HeaderKey.fromString("content-type"), HeaderValue
			.fromString("application/x-protobuf;type=fetchbox.jobs." + payloadMessage.getClass().getSimpleName()));
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.ZERO, 0L, (long) payload.length, BigInteger.ZERO);
		client.messages()
			.sendMessages(StreamId.of("fetchbox"), TopicId.of(topic), Partitioning.messagesKey(job),
					List.of(new Message(header, payload, Map.of()).withUserHeaders(headers)));
	}

	private static void publishStatus(String job, String resourceId, JobStatus status, long timestampMs) {
		publish("jobs.status", job, status.toBuilder().setTimestampMs(timestampMs).build(),
				(resourceId != null) ? Map.of("resource_id", resourceId) : Map.of());
	}

	private static JobStatus queued(String job, int total) {
		return JobStatus.newBuilder()
			.setJobId(job)
			.setJobType("crawl")
			.setState(JobState.JOB_STATE_QUEUED)
			.setResourcesTotal(total)
			.build();
	}

	private static JobStatus started(String job) {
		return JobStatus.newBuilder()
			.setJobId(job)
			.setJobType("crawl")
			.setState(JobState.JOB_STATE_IN_PROGRESS)
			.build();
	}

	private static JobStatus completed(String job) {
		return started(job).toBuilder().setResourcesCompleted(1).build();
	}

	private static JobStatus failed(String job, String code, String message) {
		return started(job).toBuilder()
			.setResourcesFailed(1)
			.setLastErrorCode(code)
			.setLastErrorMessage(message)
			.build();
	}

	private static Path jar() {
		return Paths.get(System.getProperty("fetchbox.cli.jar", "target/fetchbox-iggy-cli-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
	}

	private static Process start(Map<String, String> env, String... args) throws IOException {
		List<String> command = new ArrayList<>(List
			.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeIf((name) -> name.startsWith("IGGY_"));
		builder.environment().putAll(env);
		return builder.start();
	}

	private static Result run(String... args) throws Exception {
		return runWith(Map.of("IGGY_ADDRESS", iggy.address()), args);
	}

	private static Result runWith(Map<String, String> env, String... args) throws Exception {
		return Result.of(start(env, args));
	}

	private static BlockingQueue<String> lines(Process process) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// process gone
			}
		});
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

	record Result(int exitCode, List<String> out, List<String> err) {

		static Result of(Process process) throws Exception {
			process.getOutputStream().close();
			var out = new java.util.concurrent.CompletableFuture<List<String>>();
			var err = new java.util.concurrent.CompletableFuture<List<String>>();
			read(process.getInputStream(), out);
			read(process.getErrorStream(), err);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("fetchbox-iggy-cli did not exit");
			}
			return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
		}

		private static void read(java.io.InputStream stream,
				java.util.concurrent.CompletableFuture<List<String>> result) {
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
					result.complete(in.lines().toList());
				}
				catch (IOException | RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

	}

	/**
	 * Whether this process ignores SIGINT: a shell without job control starts background
	 * commands so, and children inherit it (the JVM then installs no Ctrl-C handler).
	 */
	private static boolean sigintIgnored() throws IOException {
		Path status = Paths.get("/proc/self/status");
		if (!Files.isReadable(status)) {
			return false;
		}
		for (String line : Files.readAllLines(status)) {
			if (line.startsWith("SigIgn:")) {
				return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(1);
			}
		}
		return false;
	}

}
