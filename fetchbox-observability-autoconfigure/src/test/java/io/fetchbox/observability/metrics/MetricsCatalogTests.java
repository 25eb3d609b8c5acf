package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.joblog.metrics.JobLogEmitterMetrics;
import io.fetchbox.observability.jobs.TaskOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The typed metrics API against a real Prometheus registry: after a scripted workload,
 * one scrape shows every catalog meter under its contract name with the expected values,
 * and the real promtool accepts the scrape.
 */
class MetricsCatalogTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final ApiMetrics api = new ApiMetrics();

	private final ApiRequestMetrics requests = new ApiRequestMetrics();

	private final WorkerMetrics worker = new WorkerMetrics();

	private final LedgerMetrics ledger = new LedgerMetrics();

	private final QueueMetrics queue = new QueueMetrics();

	private final AtomicBoolean ready = new AtomicBoolean(true);

	@BeforeEach
	void bind() {
		this.registry.config().commonTags("service", "catalog-test");
		// Recorded before binding: counters keep it (the registry binds after beans
		// exist).
		this.ledger.jobCreated();
		this.api.bindTo(this.registry);
		this.requests.bindTo(this.registry);
		this.worker.bindTo(this.registry);
		this.ledger.bindTo(this.registry);
		this.queue.bindTo(this.registry);
		new ServiceReadyMetrics(this.ready::get).bindTo(this.registry);
		// The job log emitter's meters, as the appender binds them when it is on.
		new JobLogEmitterMetrics(new JobLogPipeline(JobLogSettings.DEFAULT)).bindTo(this.registry);
	}

	@Test
	void scrapeAfterWorkloadShowsEveryCatalogMeterWithExpectedValues() throws Exception {
		runWorkload();
		PrometheusScrape scrape = scrape();

		for (FetchboxMeter meter : FetchboxMeter.values()) {
			String name = (meter.type() == Meter.Type.TIMER) ? meter.prometheusName() + "_count"
					: meter.prometheusName();
			assertThat(scrape.samples(name))
				.as("%s (%s) in scrape %s", meter.prometheusName(), meter.meterName(), scrape.names())
				.isNotEmpty()
				.allSatisfy((sample) -> {
					assertThat(sample.labels()).containsEntry("service", "catalog-test");
					assertThat(sample.labels().keySet()).containsAll(meter.tagKeys()).isSubsetOf(withService(meter));
				});
		}

		assertThat(scrape.value("fetchbox_api_requests_total", "status", "202", "route", "/jobs")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_api_requests_total", "status", "404", "route", "UNMATCHED")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_api_requests_total", "status", "4xx", "route", "/jobs")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_ingest_jobs_total", "result", "accepted")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_ingest_jobs_total", "result", "invalid")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_ingest_jobs_total", "result", "duplicate")).isZero();
		assertThat(scrape.value("fetchbox_ingest_bytes_total")).isEqualTo(1500);
		assertThat(scrape.value("fetchbox_ingest_duration_seconds_count")).isEqualTo(3);
		assertThat(scrape.value("fetchbox_ingest_duration_seconds_sum")).isCloseTo(0.06, within(1e-9));
		assertThat(scrape.value("fetchbox_ingest_duration_seconds_bucket", "le", "0.025")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_operator_requests_total")).isEqualTo(1);

		assertThat(scrape.value("fetchbox_worker_tasks_inflight")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_tasks_total", "job_type", "image", "outcome", "succeeded", "trace",
				"present"))
			.isEqualTo(2);
		assertThat(scrape.value("fetchbox_worker_tasks_total", "job_type", "image", "outcome", "retried", "trace",
				"missing"))
			.isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_tasks_total", "job_type", "video_hd", "outcome", "dead_lettered",
				"trace", "present"))
			.isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_task_duration_seconds_count", "job_type", "image", "outcome",
				"succeeded"))
			.isEqualTo(2);
		assertThat(scrape.value("fetchbox_worker_task_duration_seconds_sum", "job_type", "video_hd", "outcome",
				"dead_lettered"))
			.isCloseTo(2.0, within(1e-9));
		assertThat(scrape.value("fetchbox_worker_retries_total", "job_type", "image")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_download_latency_seconds_count")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_worker_download_latency_seconds_sum")).isCloseTo(0.4, within(1e-9));
		assertThat(scrape.value("fetchbox_worker_download_failures_total", "code", "http_5xx")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_worker_download_failures_total", "code", "timeout")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_download_failures_total", "code", "proxy")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_storage_failures_total", "code", "unavailable")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_storage_failures_total", "code", "access_denied")).isZero();
		assertThat(scrape.value("fetchbox_worker_dlq_total")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_proxy_failures_total", "pool", "residential-eu")).isEqualTo(1);

		assertThat(scrape.value("fetchbox_ledger_jobs_created_total")).isEqualTo(3);
		assertThat(scrape.value("fetchbox_ledger_jobs_updated_total")).isEqualTo(4);
		assertThat(scrape.value("fetchbox_ledger_logs_written_total")).isEqualTo(25);
		assertThat(scrape.value("fetchbox_ledger_idempotency_hits_total")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_ledger_idempotency_misses_total")).isEqualTo(2);
		assertThat(scrape.value("fetchbox_ledger_pruned_jobs_total")).isEqualTo(7);
		assertThat(scrape.value("fetchbox_ledger_pruned_logs_total")).isEqualTo(70);

		assertThat(scrape.value("fetchbox_queue_lag_messages", "topic", "jobs.tasks", "partition", "0", "group",
				"workers"))
			.isEqualTo(12);
		assertThat(scrape.value("fetchbox_queue_lag_messages", "topic", "jobs.tasks", "partition", "1", "group",
				"workers"))
			.isZero();
		assertThat(scrape.samples("fetchbox_queue_lag_messages")).hasSize(2);
		assertThat(scrape.value("service_ready")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_log_emitter_batches_total", "outcome", "failed")).isZero();
		assertThat(scrape.samples("fetchbox_log_emitter_dropped_events_total")).hasSize(DropReason.values().length);

		this.ready.set(false);
		assertThat(scrape().value("service_ready")).isZero();

		PromTool.Result check = PromTool.run(scrape().text(), "check", "metrics");
		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void freeFormTagValuesAreNormalisedAndBounded() {
		this.worker.taskRetried("Image/PNG <b>");
		for (int i = 0; i < 500; i++) {
			this.worker.taskRetried("type-" + i);
			this.worker.proxyFailed("pool-" + i);
		}
		PrometheusScrape scrape = scrape();
		assertThat(scrape.value("fetchbox_worker_retries_total", "job_type", "image_png__b_")).isEqualTo(1);
		assertThat(scrape.samples("fetchbox_worker_retries_total")).hasSize(101);
		assertThat(scrape.value("fetchbox_worker_retries_total", "job_type", "other")).isEqualTo(401);
		assertThat(scrape.samples("fetchbox_proxy_failures_total")).hasSize(51);
	}

	@Test
	void completingATaskTwiceCountsOnce() {
		WorkerMetrics.Task task = this.worker.startTask("image", true);
		task.complete(TaskOutcome.SUCCEEDED);
		task.complete(TaskOutcome.FAILED);
		PrometheusScrape scrape = scrape();
		assertThat(scrape.value("fetchbox_worker_tasks_inflight")).isZero();
		assertThat(scrape.samples("fetchbox_worker_tasks_total"))
			.filteredOn((sample) -> sample.labels().get("job_type").equals("image"))
			.singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1));
	}

	@Test
	void invalidArgumentsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.api.ingestAccepted(-1, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.api.ingestRejected(IngestResult.ACCEPTED, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.logsWritten(-1));
	}

	// What the scrape endpoint serves: the client's text format with the contract name
	// restored (see ReservedSuffixRenamer).
	private PrometheusScrape scrape() {
		return PrometheusScrape.parse(ReservedSuffixRenamer.rename(this.registry.scrape()));
	}

	private void runWorkload() {
		this.requests.record(202, "/jobs");
		this.requests.record(202, "/jobs");
		this.requests.record(418, "/jobs");
		this.requests.record(404, null);
		this.api.ingestAccepted(1000, Duration.ofMillis(10));
		this.api.ingestAccepted(500, Duration.ofMillis(20));
		this.api.ingestRejected(IngestResult.INVALID, Duration.ofMillis(30));
		this.api.operatorRequest();

		this.worker.startTask("image", true); // still in flight
		this.worker.taskCompleted("image", TaskOutcome.SUCCEEDED, true, Duration.ofMillis(300));
		this.worker.taskCompleted("Image", TaskOutcome.SUCCEEDED, true, Duration.ofMillis(100));
		this.worker.taskCompleted("image", TaskOutcome.RETRIED, false, Duration.ofMillis(100));
		this.worker.taskRetried("image");
		this.worker.taskCompleted("video hd", TaskOutcome.DEAD_LETTERED, true, Duration.ofSeconds(2));
		this.worker.deadLettered();
		this.worker.downloadSucceeded(Duration.ofMillis(150));
		this.worker.downloadSucceeded(Duration.ofMillis(250));
		this.worker.downloadFailed(DownloadFailureCode.forHttpStatus(503));
		this.worker.downloadFailed(DownloadFailureCode.HTTP_5XX);
		this.worker.downloadFailed(DownloadFailureCode.TIMEOUT);
		this.worker.downloadFailed(DownloadFailureCode.PROXY);
		this.worker.proxyFailed("residential-eu");
		this.worker.storageFailed(StorageFailureCode.UNAVAILABLE);

		this.ledger.jobCreated();
		this.ledger.jobCreated();
		for (int i = 0; i < 4; i++) {
			this.ledger.jobUpdated();
		}
		this.ledger.logsWritten(25);
		this.ledger.idempotencyHit();
		this.ledger.idempotencyMiss();
		this.ledger.idempotencyMiss();
		this.ledger.pruned(7, 70);

		this.queue.lag("jobs.tasks", 0, "workers", 12);
		this.queue.lag("jobs.tasks", 1, "workers", -3);
		this.queue.lag("jobs.tasks", 2, "workers", 5);
		this.queue.lagUnknown("jobs.tasks", 2, "workers");
	}

	private static String[] withService(FetchboxMeter meter) {
		java.util.List<String> keys = new java.util.ArrayList<>(meter.tagKeys());
		keys.add("service");
		if (meter.type() == Meter.Type.TIMER) {
			keys.add("le");
		}
		return keys.toArray(String[]::new);
	}

}
