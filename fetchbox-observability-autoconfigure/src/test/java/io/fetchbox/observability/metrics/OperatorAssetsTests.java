package io.fetchbox.observability.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.joblog.metrics.JobLogEmitterMetrics;
import io.fetchbox.observability.jobs.TaskOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator assets of PRODUCT.md section 8 against the meter catalog and the real
 * promtool: alert rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}); every Grafana panel queries only metric names a FetchBox
 * scrape has.
 */
class OperatorAssetsTests {

	private static final Path DOCS = Path.of("..", "docs");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate",
			"increase", "delta", "deriv", "histogram_quantile", "by", "without", "and", "or", "unless", "on",
			"ignoring", "group_left", "group_right", "offset", "bool", "topk", "bottomk", "abs", "clamp_min",
			"label_values", "absent", "vector", "scalar", "time");

	@Test
	void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
		Path rules = DOCS.resolve("prometheus/alerts.yml");
		PromTool.Result check = PromTool.run(null, "check", "rules", rules.toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		Set<String> alerts = alertNames(new Yaml().load(Files.readString(rules)));
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
		assertThat(check.output()).contains("SUCCESS: " + alerts.size() + " rules found");
		Path unitTests = DOCS.resolve("prometheus/alerts-test.yml");
		PromTool.Result test = PromTool.run(null, "test", "rules", unitTests.toString());
		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(metricNames(Files.readString(rules))).isSubsetOf(scrapedNames());

		// Every alert has a unit test where it fires and one where it stays silent.
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		Map<String, Object> cases = new Yaml().load(Files.readString(unitTests));
		for (Map<String, Object> group : list(cases.get("tests"))) {
			for (Map<String, Object> evaluation : list(group.get("alert_rule_test"))) {
				String alert = (String) evaluation.get("alertname");
				(list(evaluation.get("exp_alerts")).isEmpty() ? silent : firing).add(alert);
			}
		}
		assertThat(firing).as("alerts with a firing case").isEqualTo(alerts);
		assertThat(silent).as("alerts with a silent case").isEqualTo(alerts);
	}

	private static Set<String> alertNames(Map<String, Object> rules) {
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> group : list(rules.get("groups"))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				names.add((String) rule.get("alert"));
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object yaml) {
		return (yaml != null) ? (List<Map<String, Object>>) yaml : List.of();
	}

	@Test
	void everyDashboardPanelQueriesOnlyCatalogMetrics() throws IOException {
		Set<String> known = scrapedNames();
		List<Path> dashboards;
		try (Stream<Path> files = Files.list(DOCS.resolve("grafana"))) {
			dashboards = files.filter((file) -> file.toString().endsWith(".json")).toList();
		}
		assertThat(dashboards).isNotEmpty();
		Set<String> titles = new TreeSet<>();
		for (Path dashboard : dashboards) {
			JsonNode root = JsonMapper.builder().build().readTree(Files.readString(dashboard));
			assertThat(root.path("uid").asString()).isNotBlank();
			for (JsonNode panel : root.path("panels")) {
				titles.add(panel.path("title").asString());
				assertThat(panel.path("targets")).as("targets of %s", panel.path("title")).isNotEmpty();
				for (JsonNode target : panel.path("targets")) {
					String expr = target.path("expr").asString();
					Set<String> names = metricNames(expr);
					assertThat(names).as("metrics of %s", expr).isNotEmpty().isSubsetOf(known);
				}
			}
		}
		assertThat(String.join("|", titles).toLowerCase()).contains("queue lag", "throughput", "proxy failure",
				"latency", "dead letter", "emitter", "api latency", "api error ratio");
	}

	@Test
	void observabilityGuideHasARowPerCatalogMeter() throws IOException {
		List<String> rows = Files.readAllLines(DOCS.resolve("observability.md"))
			.stream()
			.filter((line) -> line.startsWith("| `"))
			.toList();
		for (FetchboxMeter meter : FetchboxMeter.values()) {
			MeterFamily owner = meter.family();
			String family = (owner != null) ? "`" + owner.key() + "`" : "every service";
			assertThat(rows).as("docs row for %s", meter)
				.anySatisfy((row) -> assertThat(row).startsWith("| `" + meter.meterName() + "` |")
					.contains("`" + meter.prometheusName() + "`")
					.contains("| " + meter.type().name().toLowerCase() + " |")
					.contains("| " + family + " |"));
		}
	}

	@Test
	void promqlNameExtractionFindsMetricsOnly() {
		assertThat(metricNames("histogram_quantile(0.95, sum by (le, job_type) (rate(fetchbox_nope_seconds_bucket"
				+ "{service=~\"$service\", a_b=\"c_d\"}[5m]))) > 0 and on (service) up_time_x"))
			.containsExactly("fetchbox_nope_seconds_bucket", "up_time_x");
	}

	// Metric names referenced by PromQL: identifiers outside label matchers, ranges,
	// strings and grouping clauses that are not functions or keywords.
	static Set<String> metricNames(String promql) {
		String stripped = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*\\}", "")
			.replaceAll("\\[[^\\]]*\\]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
			.replaceAll("\\$\\w+", "");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String word = matcher.group();
			int next = matcher.end();
			while (next < stripped.length() && stripped.charAt(next) == ' ') {
				next++;
			}
			boolean call = next < stripped.length() && stripped.charAt(next) == '(';
			if (!call && !PROMQL_WORDS.contains(word) && word.contains("_")) {
				names.add(word);
			}
		}
		return names;
	}

	// Every series name a FetchBox service's scrape can have for the catalog (every
	// family
	// exported) and the job log emitter (whose meters belong to the job log concern).
	private static Set<String> scrapedNames() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ApiMetrics api = new ApiMetrics();
		WorkerMetrics worker = new WorkerMetrics();
		LedgerMetrics ledger = new LedgerMetrics();
		for (MeterFamilyRecorder recorder : List.of(api, worker, ledger)) {
			recorder.families().forEach((family) -> recorder.forceFamily(family, true));
		}
		api.bindTo(registry);
		worker.bindTo(registry);
		ledger.bindTo(registry);
		QueueMetrics queue = new QueueMetrics();
		queue.bindTo(registry);
		ApiRequestMetrics requests = new ApiRequestMetrics();
		requests.bindTo(registry);
		new ServiceReadyMetrics(() -> true).bindTo(registry);
		new JobLogEmitterMetrics(new JobLogPipeline(JobLogSettings.DEFAULT)).bindTo(registry);
		requests.record(200, "/");
		queue.lag("t", 0, "g", 1);
		worker.taskCompleted("x", TaskOutcome.SUCCEEDED, true, java.time.Duration.ofMillis(1));
		worker.taskRetried("x");
		worker.proxyFailed("p");
		List<String> names = new ArrayList<>(
				PrometheusScrape.parse(ReservedSuffixRenamer.rename(registry.scrape())).names());
		return new TreeSet<>(names);
	}

}
