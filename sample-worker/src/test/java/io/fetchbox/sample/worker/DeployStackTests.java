package io.fetchbox.sample.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import io.fetchbox.observability.metrics.PromTool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/compose.yaml} and the files it mounts, checked with what runs without a
 * container engine: well-formed YAML, pinned images, every mounted and built path exists,
 * every address names a service of the stack on a port it listens on, {@code promtool
 * check config} on the Prometheus configuration as the container sees it, the collector's
 * pipelines and Grafana's provisioning. (The dashboards and rules run against a real
 * Prometheus in {@link PrometheusScrapeIT}.)
 */
class DeployStackTests {

	private static final Path DEPLOY = Path.of("..", "deploy");

	private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z]+://)?([a-z][a-z0-9-]*):(\\d+)(?:/.*)?$");

	private static final Pattern IMAGE = Pattern.compile("[a-z0-9./-]+:v?\\d+(\\.\\d+)+");

	private final Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml"));

	private final Map<String, Map<String, Object>> services = map(this.compose.get("services"));

	@Test
	void stackHasTheBrokerTheServicesAndEveryOperatorTool() {
		assertThat(this.services).containsKeys("iggy", "fetchbox-api", "fetchbox-worker", "prometheus", "grafana",
				"otel-collector", "jaeger", "loki", "alloy");
		assertThat(this.services.get("iggy").get("image")).isEqualTo("apache/iggy:0.8.0");
	}

	@Test
	void everyServiceRunsAPinnedImageOrABuildOfThisRepository() throws IOException {
		for (Map.Entry<String, Map<String, Object>> service : this.services.entrySet()) {
			Map<String, Object> build = map(service.getValue().get("build"));
			if (build.isEmpty()) {
				assertThat((String) service.getValue().get("image")).as(service.getKey()).matches(IMAGE);
				continue;
			}
			Path context = DEPLOY.resolve((String) build.get("context"));
			assertThat(context.resolve("pom.xml")).as("build context of %s", service.getKey()).isRegularFile();
			Path dockerfile = context.resolve((String) build.get("dockerfile"));
			assertThat(Files.readAllLines(dockerfile)).as("stage %s in %s", build.get("target"), dockerfile)
				.anyMatch((line) -> line.matches("FROM .+ AS " + build.get("target")));
		}
		// What the Dockerfile builds and copies exists in this repository.
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		Matcher copied = Pattern.compile("COPY --from=build /src/([a-z-]+)/target/").matcher(dockerfile);
		assertThat(copied.results().map((match) -> match.group(1)).toList()).isNotEmpty()
			.allSatisfy((module) -> assertThat(Path.of("..", module, "pom.xml")).isRegularFile());
	}

	@Test
	void everyMountedPathExists() {
		Set<String> namedVolumes = map(this.compose.get("volumes")).keySet();
		for (Map.Entry<String, Map<String, Object>> service : this.services.entrySet()) {
			for (String volume : strings(service.getValue().get("volumes"))) {
				String source = volume.split(":")[0];
				if (source.startsWith(".")) {
					assertThat(DEPLOY.resolve(source)).as("%s mounts %s", service.getKey(), volume).exists();
				}
				else if (source.startsWith("/")) {
					// The only host path: the Docker API for the log shipper.
					assertThat(source).as(service.getKey()).isEqualTo("/var/run/docker.sock");
				}
				else {
					assertThat(namedVolumes).as("%s mounts %s", service.getKey(), volume).contains(source);
				}
			}
		}
	}

	@Test
	void everyAddressNamesAServiceOfTheStackOnAPortItListensOn() throws IOException {
		Map<String, Set<Integer>> listening = listeningPorts();
		List<String> addresses = new ArrayList<>();
		for (Map<String, Object> service : this.services.values()) {
			map(service.get("environment")).values().forEach((value) -> addresses.add(String.valueOf(value)));
		}
		Map<String, Object> prometheus = yaml(DEPLOY.resolve("prometheus/prometheus.yml"));
		for (Map<String, Object> job : list(prometheus.get("scrape_configs"))) {
			for (Map<String, Object> config : list(job.get("static_configs"))) {
				addresses.addAll(strings(config.get("targets")));
			}
		}
		Map<String, Object> collector = yaml(DEPLOY.resolve("otel-collector/config.yaml"));
		sections(collector.get("exporters")).values()
			.forEach((exporter) -> addresses.add((String) exporter.get("endpoint")));
		Map<String, Object> datasources = yaml(DEPLOY.resolve("grafana/provisioning/datasources/datasources.yaml"));
		list(datasources.get("datasources")).forEach((datasource) -> addresses.add((String) datasource.get("url")));
		Matcher lokiUrl = Pattern.compile("url\\s*=\\s*\"([^\"]+)\"").matcher(Files.readString(alloyConfig()));
		assertThat(lokiUrl.find()).isTrue();
		addresses.add(lokiUrl.group(1));

		List<String> checked = new ArrayList<>();
		for (String address : addresses) {
			Matcher matcher = ADDRESS.matcher(address);
			if (!matcher.matches() || matcher.group(1).equals("localhost")) {
				continue;
			}
			checked.add(address);
			assertThat(listening).as(address).containsKey(matcher.group(1));
			assertThat(listening.get(matcher.group(1))).as(address).contains(Integer.parseInt(matcher.group(2)));
		}
		assertThat(checked).as("addresses checked").hasSizeGreaterThanOrEqualTo(10);
	}

	@Test
	void prometheusConfigPassesPromtoolAsTheContainerSeesIt(@TempDir Path root) throws Exception {
		PromTool.require();
		Map<String, Object> prometheus = this.services.get("prometheus");
		layOut(prometheus, root);
		String configFile = strings(prometheus.get("command")).stream()
			.filter((arg) -> arg.startsWith("--config.file="))
			.map((arg) -> arg.substring("--config.file=".length()))
			.findFirst()
			.orElseThrow();
		PromTool.Result check = PromTool.run(null, "check", "config", root.resolve(configFile.substring(1)).toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		int alerts = list(yaml(OperatorQueries.ALERT_RULES).get("groups")).stream()
			.mapToInt((group) -> list(group.get("rules")).size())
			.sum();
		assertThat(check.output()).contains("SUCCESS: 1 rule files found", "SUCCESS: " + alerts + " rules found");
		Map<String, Object> config = yaml(root.resolve(configFile.substring(1)));
		assertThat(list(config.get("scrape_configs"))).extracting((job) -> job.get("metrics_path"))
			.containsOnly("/metrics");
	}

	@Test
	void collectorPipelinesUseOnlyComponentsItDefines() throws IOException {
		Map<String, Object> collector = yaml(DEPLOY.resolve("otel-collector/config.yaml"));
		Map<String, Object> service = map(collector.get("service"));
		assertThat(map(collector.get("extensions")).keySet()).containsAll(strings(service.get("extensions")));
		Map<String, Map<String, Object>> pipelines = map(service.get("pipelines"));
		assertThat(pipelines).containsKey("traces");
		for (Map.Entry<String, Map<String, Object>> pipeline : pipelines.entrySet()) {
			for (String kind : List.of("receivers", "processors", "exporters")) {
				assertThat(map(collector.get(kind)).keySet()).as("%s of pipeline %s", kind, pipeline.getKey())
					.containsAll(strings(pipeline.getValue().get(kind)));
			}
			assertThat(strings(pipeline.getValue().get("exporters"))).as("exporters of %s", pipeline.getKey())
				.isNotEmpty();
		}
		// The services export where the collector receives.
		assertThat(map(this.services.get("fetchbox-api").get("environment")))
			.containsEntry("FETCHBOX_TELEMETRY_OTLP_ENDPOINT", "http://otel-collector:4318/v1/traces");
		assertThat(listeningPorts().get("otel-collector")).contains(4318);
	}

	@Test
	void grafanaProvisionsTheDashboardsAndTheDataSourcesOfTheStack() throws IOException {
		Map<String, String> mounts = bindMounts(this.services.get("grafana"));
		assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
		String dashboardsPath = mounts.get("../docs/grafana");
		Map<String, Object> providers = yaml(DEPLOY.resolve("grafana/provisioning/dashboards/dashboards.yaml"));
		assertThat(list(providers.get("providers"))).singleElement()
			.satisfies((provider) -> assertThat(map(provider.get("options")).get("path")).isEqualTo(dashboardsPath));
		try (Stream<Path> dashboards = Files.list(DEPLOY.resolve("../docs/grafana"))) {
			assertThat(dashboards.filter((file) -> file.toString().endsWith(".json"))).isNotEmpty();
		}

		List<Map<String, Object>> datasources = list(
				yaml(DEPLOY.resolve("grafana/provisioning/datasources/datasources.yaml")).get("datasources"));
		assertThat(datasources).extracting((datasource) -> datasource.get("type"))
			.contains("prometheus", "loki", "jaeger");
		assertThat(datasources).filteredOn((datasource) -> Boolean.TRUE.equals(datasource.get("isDefault")))
			.extracting((datasource) -> datasource.get("type"))
			.containsExactly("prometheus");
		Set<Object> uids = new HashSet<>();
		datasources.forEach((datasource) -> uids.add(datasource.get("uid")));
		List<Object> linked = new ArrayList<>();
		for (Map<String, Object> datasource : datasources) {
			Map<String, Object> jsonData = map(datasource.get("jsonData"));
			list(jsonData.get("exemplarTraceIdDestinations")).forEach((link) -> linked.add(link.get("datasourceUid")));
			list(jsonData.get("derivedFields")).forEach((link) -> linked.add(link.get("datasourceUid")));
		}
		assertThat(linked).isNotEmpty().allSatisfy((uid) -> assertThat(uids).contains(uid));
	}

	// Ports each service listens on, from its own configuration where the stack sets it.
	private Map<String, Set<Integer>> listeningPorts() throws IOException {
		Map<String, Set<Integer>> ports = new HashMap<>();
		ports.put("iggy", Set.of(port((String) environment("iggy").get("IGGY_TCP_ADDRESS"))));
		Map<String, Object> apiConfig = yaml(
				Path.of("..", "sample-api", "src", "main", "resources", "application.yaml"));
		ports.put("fetchbox-api", Set.of((Integer) map(apiConfig.get("server")).get("port")));
		ports.put("fetchbox-worker",
				Set.of(port((String) environment("fetchbox-worker").get("FETCHBOX_TELEMETRY_METRICS_ADDR"))));
		Set<Integer> collector = new TreeSet<>();
		Map<String, Object> collectorConfig = yaml(DEPLOY.resolve("otel-collector/config.yaml"));
		sections(collectorConfig.get("receivers")).values()
			.forEach((receiver) -> sections(receiver.get("protocols")).values()
				.forEach((protocol) -> collector.add(port((String) protocol.get("endpoint")))));
		ports.put("otel-collector", collector);
		ports.put("loki",
				Set.of((Integer) map(yaml(DEPLOY.resolve("loki/config.yaml")).get("server")).get("http_listen_port")));
		// Image defaults: Prometheus' web port, Grafana's, Jaeger's OTLP receivers and
		// UI.
		ports.put("prometheus", Set.of(9090));
		ports.put("grafana", Set.of(3000));
		ports.put("jaeger", Set.of(4317, 4318, 16686));
		assertThat(ports.keySet()).isSubsetOf(this.services.keySet());
		return ports;
	}

	private Map<String, Object> environment(String service) {
		return map(this.services.get(service).get("environment"));
	}

	private static int port(String hostAndPort) {
		return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
	}

	private static Path alloyConfig() {
		return DEPLOY.resolve("../docs/logging/alloy/config.alloy");
	}

	// Copy what a service mounts from this repository to where its container sees it.
	private static void layOut(Map<String, Object> service, Path root) throws IOException {
		for (Map.Entry<String, String> mount : bindMounts(service).entrySet()) {
			Path source = DEPLOY.resolve(mount.getKey());
			Path target = root.resolve(mount.getValue().substring(1));
			Files.createDirectories(target.getParent());
			if (Files.isDirectory(source)) {
				try (Stream<Path> files = Files.walk(source)) {
					for (Path file : files.filter(Files::isRegularFile).toList()) {
						Path copy = target.resolve(source.relativize(file).toString());
						Files.createDirectories(copy.getParent());
						Files.copy(file, copy);
					}
				}
			}
			else {
				Files.copy(source, target);
			}
		}
	}

	// Repository paths a service mounts, and where.
	private static Map<String, String> bindMounts(Map<String, Object> service) {
		Map<String, String> mounts = new HashMap<>();
		for (String volume : strings(service.get("volumes"))) {
			String[] parts = volume.split(":");
			if (parts[0].startsWith(".")) {
				mounts.put(parts[0], parts[1]);
			}
		}
		return mounts;
	}

	private static Map<String, Object> yaml(Path file) {
		try {
			Map<String, Object> yaml = new Yaml().load(Files.readString(file));
			assertThat(yaml).as("YAML of %s", file).isNotNull();
			return yaml;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> map(Object yaml) {
		return (yaml != null) ? (Map<String, V>) yaml : Map.of();
	}

	private static Map<String, Map<String, Object>> sections(Object yaml) {
		return map(yaml);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object yaml) {
		return (yaml != null) ? (List<Map<String, Object>>) yaml : List.of();
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object yaml) {
		return (yaml != null) ? (List<String>) yaml : List.of();
	}

}
