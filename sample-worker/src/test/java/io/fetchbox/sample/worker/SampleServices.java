package io.fetchbox.sample.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.fetchbox.observability.testkit.ClosedPort;
import io.fetchbox.observability.tracing.OtlpTraceReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample API and workers as separate processes from their executable jars, with
 * tracing to a decoding OTLP receiver and a local HTTP origin ({@link DemoOrigin}) to
 * download from, for the end-to-end tests. Closing it stops everything it started.
 */
final class SampleServices implements AutoCloseable {

	private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private final List<ServiceProcess> processes = new ArrayList<>();

	private OtlpTraceReceiver otlp;

	private DemoOrigin origin;

	/** The proxy pool "broken" of every worker: a port where nothing listens. */
	private final ClosedPort brokenProxy = ClosedPort.reserve();

	/** The sample API and the port of its HTTP server (also its Actuator). */
	record Api(ServiceProcess process) {

		/** The port it bound, once it has started. */
		int port() {
			return this.process.port();
		}

	}

	/** A sample worker, its main port and its Actuator (management) port. */
	record Worker(ServiceProcess process) {

		/** The port it bound, once it has started. */
		int port() {
			return this.process.port();
		}

		/** The port its Actuator bound, once it has started. */
		int managementPort() {
			return this.process.managementPort();
		}

	}

	/** The OTLP receiver the services export to (started on first use). */
	OtlpTraceReceiver otlp() {
		if (this.otlp == null) {
			this.otlp = OtlpTraceReceiver.start();
		}
		return this.otlp;
	}

	/** The local origin jobs download from (started on first use). */
	DemoOrigin origin() throws IOException {
		if (this.origin == null) {
			this.origin = DemoOrigin.start("127.0.0.1", 0);
		}
		return this.origin;
	}

	Api startApi(Path work, String iggyAddress, String otlpEndpoint, List<String> args) throws IOException {
		// Port 0: the service reports the port it bound (ServiceProcess.port()).
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + work.resolve("ledger")));
		all.addAll(args);
		return new Api(start(work, "api", Path.of("../sample-api/target/sample-api-" + VERSION + "-exec.jar"),
				iggyAddress, otlpEndpoint, all));
	}

	/**
	 * Start a worker that retries quickly and routes {@code localhost} through a proxy
	 * pool named {@code broken} (a closed port) before connecting directly.
	 */
	Worker startWorker(Path work, String name, String iggyAddress, String otlpEndpoint, List<String> args)
			throws IOException {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--fetchbox.telemetry.metrics-addr=127.0.0.1:0",
				"--fetchbox.sample.worker.max-inflight-tasks=4", "--fetchbox.sample.worker.retry-backoff=50ms",
				"--fetchbox.sample.worker.shutdown-grace-period=10s",
				"--fetchbox.sample.worker.proxy.pools.broken=" + this.brokenProxy.address(),
				"--fetchbox.sample.worker.proxy.routes.localhost=broken,direct"));
		all.addAll(args);
		return new Worker(
				start(work, name, Path.of("target/sample-worker-" + VERSION + ".jar"), iggyAddress, otlpEndpoint, all));
	}

	private ServiceProcess start(Path work, String name, Path jar, String iggyAddress, String otlpEndpoint,
			List<String> args) throws IOException {
		List<String> all = new ArrayList<>(args);
		all.add("--fetchbox.telemetry.iggy.address=" + iggyAddress);
		all.add("--fetchbox.telemetry.otlp.enabled=true");
		all.add("--fetchbox.telemetry.otlp.endpoint=" + otlpEndpoint);
		all.add("--fetchbox.telemetry.otlp.sampling-probability=1.0");
		all.add("--management.opentelemetry.tracing.export.schedule-delay=100ms");
		all.add("--fetchbox.telemetry.joblog.schedule-delay=100ms");
		ServiceProcess process = ServiceProcess.start(name, jar, work.resolve(name), Path.of("target/e2e"), all);
		this.processes.add(process);
		return process;
	}

	/** Wait until the API answers and the worker consumes tasks. */
	void awaitReady(Api api, Worker worker) {
		awaitUp(api.process(), "http://127.0.0.1:" + api.port() + "/jobs/none", 404);
		awaitLog(worker.process(), "Consuming jobs.tasks");
	}

	void awaitUp(ServiceProcess process, String url, int status) {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(process.isAlive()).as("%s is running", process).isTrue();
				assertThat(get(url).statusCode()).isEqualTo(status);
			});
	}

	void awaitLog(ServiceProcess process, String line) {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(process.isAlive()).as("%s is running", process).isTrue();
				assertThat(process.output()).contains(line);
			});
	}

	/**
	 * Submit a job of 10 resources: 5 plain files, 3 missing (404, dead-lettered), one
	 * answering 503 once (retried) and one through the broken proxy pool.
	 * @return the job id
	 */
	String submitJobWithFailures(Api api) throws Exception {
		List<String> resources = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			resources.add(resource("f" + i, originUrl("127.0.0.1", "/files/f" + i + ".txt")));
		}
		for (int i = 0; i < 3; i++) {
			resources.add(resource("m" + i, originUrl("127.0.0.1", "/missing/m" + i)));
		}
		resources.add(resource("flaky", originUrl("127.0.0.1", "/flaky/once")));
		resources.add(resource("proxied", originUrl("localhost", "/files/proxied.txt")));
		return submitJob(api, resources);
	}

	String submitJob(Api api, List<String> resources) throws Exception {
		HttpResponse<String> accepted = post("http://127.0.0.1:" + api.port() + "/jobs",
				"{\"job_type\": \"e2e\", \"tenant\": \"acme\", \"resources\": [" + String.join(",", resources) + "]}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return this.json.readTree(accepted.body()).get("job_id").asString();
	}

	void awaitJobState(Api api, String jobId, String state) {
		await().atMost(Duration.ofSeconds(120))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(job(api, jobId).get("state").asString()).isEqualTo(state));
	}

	JsonNode job(Api api, String jobId) throws Exception {
		return this.json.readTree(get("http://127.0.0.1:" + api.port() + "/jobs/" + jobId).body());
	}

	static String resource(String id, String url) {
		return "{\"resource_id\": \"" + id + "\", \"url\": \"" + url + "\"}";
	}

	String originUrl(String host, String path) throws IOException {
		return "http://" + host + ":" + origin().port() + path;
	}

	HttpResponse<String> post(String url, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() throws InterruptedException {
		for (ServiceProcess process : this.processes) {
			process.close();
		}
		this.processes.clear();
		if (this.otlp != null) {
			this.otlp.close();
		}
		if (this.origin != null) {
			this.origin.close();
		}
		this.brokenProxy.close();
	}

}
