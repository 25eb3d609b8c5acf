package io.fetchbox.sample.worker;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log shipping configurations of {@code docs/logging}: rsyslog's by {@code rsyslogd
 * -N1} and by running the real {@code rsyslogd} with it against a local bulk endpoint
 * (Debian packages {@code rsyslog} and {@code rsyslog-elasticsearch}, installed by
 * {@code .ci/run}); Grafana Alloy's, for which no package provides a checker, by its
 * structure: every component it refers to is declared, nothing dangles, and only bounded
 * JSON fields of the FetchBox log format become Loki labels.
 */
class LogShippingConfigTests {

	private static final Path LOGGING = Path.of("..", "docs", "logging");

	private static final Pattern COMPONENT = Pattern
		.compile("(?m)^([a-z_]+(?:\\.[a-z_]+)+)\\s+\"([a-z0-9_]+)\"\\s*\\{");

	private static final Pattern REFERENCE = Pattern
		.compile("\\b([a-z_]+(?:\\.[a-z_]+)+)\\.([a-z0-9_]+)\\.(receiver|output|targets|rules)\\b");

	private static final Pattern KEY = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=");

	@Test
	void rsyslogConfigPassesRsyslogdCheck(@TempDir Path work) throws Exception {
		String rsyslogd = executable("rsyslogd", "apt-get install -y rsyslog rsyslog-elasticsearch");
		Path config = LOGGING.resolve("rsyslog/fetchbox-elasticsearch.conf").toAbsolutePath();
		// As installed in /etc/rsyslog.d: the main configuration sets the work directory.
		Path main = work.resolve("rsyslog.conf");
		Files.writeString(main, "global(workDirectory=\"" + work + "\")\ninclude(file=\"" + config + "\")\n");
		Process process = new ProcessBuilder(rsyslogd, "-N1", "-f", main.toString()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("End of config validation run");
		assertThat(Files.readString(config)).contains("omelasticsearch", "mmjsonparse");
	}

	@Test
	void rsyslogShipsEachJsonLineAsOneElasticsearchDocument(@TempDir Path work) throws Exception {
		String rsyslogd = executable("rsyslogd", "apt-get install -y rsyslog rsyslog-elasticsearch");
		List<String> bulks = new CopyOnWriteArrayList<>();
		HttpServer elasticsearch = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		elasticsearch.createContext("/", (exchange) -> {
			bulks.add(exchange.getRequestURI().getPath() + "\n"
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] answer = "{\"took\":1,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		elasticsearch.start();
		// The shipped file with only the places an operator edits changed: the log files,
		// the cluster's address, the error file.
		Path logs = Files.createDirectories(work.resolve("logs"));
		String config = Files.readString(LOGGING.resolve("rsyslog/fetchbox-elasticsearch.conf"))
			.replace("/var/log/fetchbox/*.log", logs + "/*.log")
			.replace("ES_HOST", "127.0.0.1")
			.replace("serverport=\"9200\"", "serverport=\"" + elasticsearch.getAddress().getPort() + "\"")
			.replace("/var/log/", work + "/");
		Files.writeString(work.resolve("fetchbox-elasticsearch.conf"), config);
		Path main = work.resolve("rsyslog.conf");
		Files.writeString(main, "global(workDirectory=\"" + work + "\")\ninclude(file=\""
				+ work.resolve("fetchbox-elasticsearch.conf") + "\")\n");
		Path log = Files.createFile(logs.resolve("fetchbox-api.log"));
		Process process = new ProcessBuilder(rsyslogd, "-n", "-f", main.toString(), "-i",
				work.resolve("rsyslogd.pid").toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("rsyslogd.out").toFile())
			.start();
		try {
			// Lines written before rsyslog watches the file are skipped (freshStartTail):
			// write probes until one arrives.
			AtomicInteger probes = new AtomicInteger();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(process.isAlive()).as(Files.readString(work.resolve("rsyslogd.out"))).isTrue();
				Files.writeString(log, "{\"level\":\"INFO\",\"message\":\"probe " + probes.incrementAndGet() + "\"}\n",
						StandardOpenOption.APPEND);
				assertThat(String.join("", bulks)).contains("probe");
			});
			String line = documentedLogLine();
			String withStackTrace = "{\"timestamp\":\"2026-11-23T21:28:22.001Z\",\"level\":\"ERROR\",\"message\":\"boom\","
					+ "\"service\":\"fetchbox-worker\",\"job_id\":\"j-7\",\"stack_trace\":\"java.io.IOException: x\\n\\tat a.B.c(B.java:1)\"}";
			Files.writeString(log, line + "\n" + withStackTrace + "\nnot json: a JVM crash report\n",
					StandardOpenOption.APPEND);
			ObjectMapper json = new ObjectMapper();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				List<JsonNode> documents = new ArrayList<>();
				for (String bulk : bulks) {
					List<String> lines = bulk.lines().toList();
					assertThat(lines.get(0)).isEqualTo("/_bulk");
					for (int i = 1; i + 1 < lines.size(); i += 2) {
						JsonNode action = json.readTree(lines.get(i));
						assertThat(action.path("index").path("_index").asString())
							.matches("fetchbox-logs-\\d{4}\\.\\d{2}\\.\\d{2}");
						assertThat(action.path("index").has("_type")).isFalse();
						documents.add(json.readTree(lines.get(i + 1)));
					}
				}
				assertThat(documents).contains(json.readTree(line), json.readTree(withStackTrace));
				assertThat(documents).anySatisfy((document) -> {
					assertThat(document.path("level").asString()).isEqualTo("RAW");
					assertThat(document.path("message").asString()).isEqualTo("not json: a JVM crash report");
				});
			});
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			elasticsearch.stop(0);
		}
	}

	// The example line of the JSON log format in docs/observability.md ("Logs").
	private static String documentedLogLine() throws Exception {
		List<String> lines = Files.readAllLines(Path.of("..", "docs", "observability.md"));
		int start = lines.indexOf("```json");
		assertThat(start).isPositive();
		String line = lines.get(start + 1);
		assertThat(line).startsWith("{\"timestamp\"").contains("\"trace_id\"");
		return line;
	}

	@Test
	void alloyConfigWiresEveryComponentItRefersTo() throws Exception {
		String source = Files.readString(LOGGING.resolve("alloy/config.alloy"));
		String alloy = withoutCommentsAndStrings(source);
		assertThat(alloy.chars().filter((c) -> c == '{').count()).as("balanced braces")
			.isEqualTo(alloy.chars().filter((c) -> c == '}').count());
		Set<String> declared = new TreeSet<>();
		COMPONENT.matcher(source).results().forEach((match) -> declared.add(match.group(1) + "." + match.group(2)));
		Set<String> referenced = new TreeSet<>();
		REFERENCE.matcher(alloy).results().forEach((match) -> referenced.add(match.group(1) + "." + match.group(2)));
		assertThat(declared).contains("loki.source.docker.fetchbox", "loki.process.fetchbox", "loki.write.default");
		assertThat(referenced).as("references to declared components").isSubsetOf(declared);
		Set<String> unused = new TreeSet<>(declared);
		unused.removeAll(referenced);
		assertThat(unused).as("components nothing reads from").allMatch((id) -> id.startsWith("loki.source."));
	}

	@Test
	void alloyConfigLabelsOnlyBoundedFieldsOfTheFetchboxLogFormat() throws Exception {
		String alloy = Files.readString(LOGGING.resolve("alloy/config.alloy"));
		Set<String> extracted = keys(block(block(alloy, "stage.json"), "expressions"));
		Set<String> labels = keys(block(block(alloy, "stage.labels"), "values"));
		Set<String> metadata = keys(block(block(alloy, "stage.structured_metadata"), "values"));
		assertThat(labels).isNotEmpty().isSubsetOf("service", "level", "environment");
		assertThat(metadata).contains("job_id", "trace_id", "request_id", "resource_id", "tenant")
			.doesNotContainAnyElementsOf(labels);
		assertThat(extracted).containsAll(labels).containsAll(metadata);
		Matcher fields = Pattern.compile("=\\s*\"([a-z_]+)\"")
			.matcher(block(block(alloy, "stage.json"), "expressions"));
		assertThat(fields.results().map((match) -> match.group(1)).toList()).isNotEmpty()
			.isSubsetOf(documentedLogKeys());
	}

	// The keys of the JSON log line, from the table in docs/observability.md ("Logs").
	private static Set<String> documentedLogKeys() throws Exception {
		List<String> lines = Files.readAllLines(Path.of("..", "docs", "observability.md"));
		int start = lines.indexOf("| Key | Value |");
		assertThat(start).isPositive();
		Set<String> keys = new TreeSet<>();
		for (String line : lines.subList(start + 2, lines.size())) {
			if (!line.startsWith("|")) {
				break;
			}
			Matcher key = Pattern.compile("`([a-z_]+)`").matcher(line.split("\\|")[1]);
			key.results().forEach((match) -> keys.add(match.group(1)));
		}
		assertThat(keys).contains("level", "service", "job_id", "trace_id");
		return keys;
	}

	// The text between the braces that follow the first "name {" or "name = {".
	private static String block(String text, String name) {
		Matcher header = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*=?\\s*\\{").matcher(text);
		assertThat(header.find()).as("block %s", name).isTrue();
		int depth = 1;
		int i = header.end();
		while (depth > 0) {
			char c = text.charAt(i++);
			depth += (c == '{') ? 1 : (c == '}') ? -1 : 0;
		}
		return text.substring(header.end(), i - 1);
	}

	private static Set<String> keys(String block) {
		Set<String> keys = new TreeSet<>();
		KEY.matcher(block).results().forEach((match) -> keys.add(match.group(1)));
		return keys;
	}

	private static String withoutCommentsAndStrings(String alloy) {
		List<String> lines = new ArrayList<>();
		for (String line : alloy.split("\n")) {
			lines.add(line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", ""));
		}
		return String.join("\n", lines);
	}

	private static String executable(String name, String install) {
		for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		Assumptions.abort(name + " is not installed here (" + install + "; .ci/run installs it)");
		throw new IllegalStateException();
	}

}
