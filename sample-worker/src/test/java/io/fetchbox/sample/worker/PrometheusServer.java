package io.fetchbox.sample.worker;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.fetchbox.observability.metrics.PromTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Prometheus server (Debian package {@code prometheus}) as a child process, on a
 * port it picks itself, with a generated configuration: one scrape job per target and the
 * given rule files. Its HTTP API answers the queries.
 */
final class PrometheusServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final Path log;

	private final String base;

	private final long startedNanos = System.nanoTime();

	private final ObjectMapper json = new ObjectMapper();

	private PrometheusServer(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.base = "http://127.0.0.1:" + awaitListeningPort(process, log);
	}

	/**
	 * Start Prometheus, or skip the calling test when it is not installed.
	 * @param workDir directory for its configuration, storage and log
	 * @param scrapeInterval scrape and rule evaluation interval
	 * @param targets {@code host:port} to scrape {@code /metrics} from, by job name
	 * @param ruleFiles rule files to load
	 * @return the running server
	 * @throws IOException when it cannot be started
	 */
	static PrometheusServer start(Path workDir, Duration scrapeInterval, Map<String, String> targets,
			List<Path> ruleFiles) throws IOException {
		String executable = PromTool.require("prometheus");
		Files.createDirectories(workDir);
		String interval = scrapeInterval.toSeconds() + "s";
		StringBuilder config = new StringBuilder();
		config.append("global:\n  scrape_interval: ").append(interval).append("\n  scrape_timeout: ").append(interval);
		config.append("\n  evaluation_interval: ").append(interval).append("\nrule_files:\n");
		ruleFiles.forEach((file) -> config.append("  - '").append(file.toAbsolutePath()).append("'\n"));
		config.append("scrape_configs:\n");
		targets.forEach((job, target) -> config.append("  - job_name: '")
			.append(job)
			.append("'\n    metrics_path: /metrics\n    static_configs:\n      - targets: ['")
			.append(target)
			.append("']\n"));
		Path configFile = workDir.resolve("prometheus.yml");
		Files.writeString(configFile, config);
		Path log = workDir.resolve("prometheus.log");
		Process process = new ProcessBuilder(executable, "--config.file=" + configFile,
				"--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:0",
				"--enable-feature=exemplar-storage")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new PrometheusServer(process, log);
	}

	/** Seconds since start plus a margin: a range that covers everything scraped. */
	String rangeSinceStart() {
		return (Duration.ofNanos(System.nanoTime() - this.startedNanos).toSeconds() + 30) + "s";
	}

	/** {@code GET /api/v1/...}; fails unless Prometheus answers with status success. */
	JsonNode api(String path, Map<String, String> params) throws Exception {
		String query = params.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(this.base + "/api/v1/" + path + (query.isEmpty() ? "" : "?" + query)))
					.timeout(Duration.ofSeconds(30))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("status").asString()).as("%s %s: %s", path, params, response.body()).isEqualTo("success");
		return body.path("data");
	}

	/** The result vector of an instant query (empty when the query has no data). */
	JsonNode query(String promql) throws Exception {
		return api("query", Map.of("query", promql)).path("result");
	}

	/** Health of every scrape target ("up", or "down" with the scrape error), by job. */
	Map<String, String> targetHealth() throws Exception {
		Map<String, String> health = new TreeMap<>();
		for (JsonNode target : api("targets", Map.of("state", "active")).path("activeTargets")) {
			health.put(target.path("labels").path("job").asString(),
					(target.path("health").asString() + " " + target.path("lastError").asString()).trim());
		}
		return health;
	}

	String output() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log) : "";
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	// Prometheus reports ":0" for a port it picked: find the socket it listens on.
	private static int awaitListeningPort(Process process, Path log) {
		Set<Integer> ports = new HashSet<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(process.isAlive()).as("prometheus is running: %s", Files.readString(log)).isTrue();
			assertThat(Files.readString(log)).contains("Server is ready to receive web requests");
			ports.addAll(listeningPorts(process.pid()));
			assertThat(ports).hasSize(1);
		});
		return ports.iterator().next();
	}

	private static Set<Integer> listeningPorts(long pid) throws IOException {
		Set<String> sockets = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						sockets.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		Set<Integer> ports = new HashSet<>();
		for (String table : List.of("tcp", "tcp6")) {
			Path file = Path.of("/proc", Long.toString(pid), "net", table);
			if (!Files.exists(file)) {
				continue;
			}
			List<String> lines = Files.readAllLines(file);
			for (String line : lines.subList(1, lines.size())) {
				String[] columns = line.trim().split("\\s+");
				boolean listening = "0A".equals(columns[3]);
				if (listening && sockets.contains(columns[9])) {
					String local = columns[1];
					ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
				}
			}
		}
		return ports;
	}

}
