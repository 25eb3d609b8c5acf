package io.fetchbox.sample.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.fetchbox.observability.metrics.PromTool;
import io.fetchbox.observability.testkit.IggyTestkitExtension;
import io.fetchbox.observability.tracing.OtlpTraceReceiver;
import io.fetchbox.sample.worker.OperatorQueries.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees: the real Prometheus server (Debian's, the version
 * {@code .ci/run} installs) scrapes the sample API on its main port and the worker on its
 * management port in OpenMetrics, with tracing on (exemplars) and the project's alert
 * rules loaded, while a job with failures runs (404s, a retried 503, a failing proxy
 * pool). Both targets stay up, every dashboard query returns data, every alert rule is
 * healthy and measures series that exist.
 */
class PrometheusScrapeIT {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@TempDir
	Path work;

	private final SampleServices services = new SampleServices();

	@AfterEach
	void stop() throws Exception {
		this.services.close();
	}

	@Test
	void prometheusScrapesBothServicesAndEveryDashboardQueryAndAlertHasData() throws Exception {
		PromTool.require("prometheus");
		OtlpTraceReceiver otlp = this.services.otlp();
		SampleServices.Api api = this.services.startApi(this.work, iggy.address(), otlp.endpoint(), List.of());
		SampleServices.Worker worker = this.services.startWorker(this.work, "worker", iggy.address(), otlp.endpoint(),
				List.of("--fetchbox.sample.worker.storage.local-dir=" + this.work.resolve("objects")));
		this.services.awaitReady(api, worker);

		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("fetchbox-api", "127.0.0.1:" + api.port());
		targets.put("fetchbox-worker", "127.0.0.1:" + worker.managementPort());
		try (PrometheusServer prometheus = PrometheusServer.start(this.work.resolve("prometheus"),
				Duration.ofSeconds(2), targets, List.of(OperatorQueries.ALERT_RULES))) {
			awaitTargetsUp(prometheus);

			String jobId = this.services.submitJobWithFailures(api);
			this.services.awaitJobState(api, jobId, "JOB_STATE_PARTIAL");

			// Series a job creates (per job type, per proxy pool) need two scrapes for
			// rate().
			assertThat(OperatorQueries.dashboardQueries("1m")).hasSizeGreaterThanOrEqualTo(25);
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(queriesWithoutData(prometheus)).as("queries without data").isEmpty());
			for (Query variable : OperatorQueries.templateLabelValues()) {
				JsonNode values = prometheus.api("label/" + variable.name() + "/values",
						Map.of("match[]", variable.promql()));
				assertThat(values).as("label_values(%s, %s)", variable.promql(), variable.name())
					.extracting(JsonNode::asString)
					.contains("fetchbox-api", "fetchbox-worker");
			}
			// The finished job as scraped: its three 404s dead-lettered.
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				JsonNode dead = prometheus.query("sum(fetchbox_worker_tasks_total{outcome=\"dead_lettered\"})");
				assertThat(dead).isNotEmpty();
				assertThat(dead.get(0).path("value").get(1).asString()).isEqualTo("3");
			});

			List<Query> alerts = OperatorQueries.alertRules();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				List<String> health = new ArrayList<>();
				for (JsonNode group : prometheus.api("rules", Map.of()).path("groups")) {
					for (JsonNode rule : group.path("rules")) {
						health.add(rule.path("name").asString() + " " + rule.path("health").asString() + " "
								+ rule.path("lastError").asString());
					}
				}
				assertThat(health).hasSize(alerts.size()).allMatch((rule) -> rule.contains(" ok"));
			});

			// Trace exemplars still arrive on histogram buckets.
			JsonNode exemplars = prometheus.api("query_exemplars",
					Map.of("query", "fetchbox_worker_download_latency_seconds_bucket", "start",
							Long.toString(System.currentTimeMillis() / 1000 - 3600), "end",
							Long.toString(System.currentTimeMillis() / 1000 + 60)));
			assertThat(exemplars.findValuesAsString("trace_id")).isNotEmpty()
				.allMatch((traceId) -> traceId.matches("[0-9a-f]{32}"));

			awaitTargetsUp(prometheus);
		}
	}

	// Every dashboard query and every measured part of an alert that has no data; each
	// alert expression as a whole must be valid (it has data only when the alert fires).
	private static List<String> queriesWithoutData(PrometheusServer prometheus) throws Exception {
		List<String> noData = new ArrayList<>();
		for (Query query : OperatorQueries.dashboardQueries(prometheus.rangeSinceStart())) {
			if (prometheus.query(query.promql()).isEmpty()) {
				noData.add(query.name() + ": " + query.promql());
			}
		}
		for (Query alert : OperatorQueries.alertRules()) {
			prometheus.query(alert.promql());
			for (String part : OperatorQueries.measuredParts(alert.promql())) {
				if (prometheus.query(part).isEmpty()) {
					noData.add("alert " + alert.name() + ": " + part);
				}
			}
		}
		return noData;
	}

	private static void awaitTargetsUp(PrometheusServer prometheus) {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(prometheus.targetHealth()).as("scrape targets by job")
				.containsOnlyKeys("fetchbox-api", "fetchbox-worker")
				.allSatisfy((job, health) -> assertThat(health).as(job).isEqualTo("up")));
	}

}
