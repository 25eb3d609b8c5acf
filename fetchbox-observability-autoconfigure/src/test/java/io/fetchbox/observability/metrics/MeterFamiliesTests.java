package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fetchbox.observability.jobs.TaskOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Meter families against a real Prometheus registry: a bound recorder exports nothing
 * until its family is used, then the whole family with its zeros; forcing a family on or
 * off wins; after the first use of a key, recording never goes back to the registry.
 */
class MeterFamiliesTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final ApiMetrics api = new ApiMetrics();

	private final LedgerMetrics ledger = new LedgerMetrics();

	private final WorkerMetrics worker = new WorkerMetrics();

	@BeforeEach
	void bind() {
		this.api.bindTo(this.registry);
		this.ledger.bindTo(this.registry);
		this.worker.bindTo(this.registry);
	}

	@Test
	void boundRecordersExportNothingUntilUsed() {
		assertThat(scrape().names()).noneMatch((name) -> name.startsWith("fetchbox_"));
	}

	@Test
	void firstRecordingExportsTheWholeFamilyWithItsZeros() {
		this.worker.deadLettered();
		PrometheusScrape scrape = scrape();
		assertThat(scrape.value("fetchbox_worker_dlq_total")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_worker_tasks_inflight")).isZero();
		assertThat(scrape.samples("fetchbox_worker_download_failures_total"))
			.hasSize(DownloadFailureCode.values().length);
		assertThat(scrape.samples("fetchbox_worker_storage_failures_total"))
			.hasSize(StorageFailureCode.values().length);
		assertThat(scrape.value("fetchbox_worker_download_latency_seconds_count")).isZero();
		assertThat(scrape.value("fetchbox_worker_tasks_total", "job_type", "unknown", "outcome", "succeeded", "trace",
				"missing"))
			.isZero();
		assertThat(scrape.names()).noneMatch((name) -> name.startsWith("fetchbox_proxy_")
				|| name.startsWith("fetchbox_ledger_") || name.startsWith("fetchbox_ingest_"));
	}

	@Test
	void aFamilyInUseShowsItsZerosBeforeTheFirstRecording() {
		this.ledger.familyInUse(MeterFamily.LEDGER);
		this.api.familyInUse(MeterFamily.INGEST);
		PrometheusScrape scrape = scrape();
		for (FetchboxMeter meter : MeterFamily.LEDGER.meters()) {
			assertThat(scrape.value(meter.prometheusName())).as(meter.prometheusName()).isZero();
		}
		assertThat(scrape.value("fetchbox_ingest_jobs_total", "result", "duplicate")).isZero();
		assertThat(scrape.value("fetchbox_ingest_bytes_total")).isZero();
		assertThat(scrape.value("fetchbox_ingest_duration_seconds_count")).isZero();
		assertThat(scrape.names()).doesNotContain("fetchbox_operator_requests_total")
			.noneMatch((name) -> name.startsWith("fetchbox_worker_"));
	}

	@Test
	void countsMadeBeforeTheRegistryIsBoundAreKept() {
		LedgerMetrics early = new LedgerMetrics();
		early.jobCreated();
		PrometheusMeterRegistry later = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		early.bindTo(later);
		assertThat(PrometheusScrape.parse(ReservedSuffixRenamer.rename(later.scrape()))
			.value("fetchbox_ledger_jobs_created_total")).isEqualTo(1);
	}

	@Test
	void aFamilyForcedOffIsNeverExportedAndOneForcedOnIsExportedUnused() {
		this.worker.forceFamily(MeterFamily.WORKER, false);
		this.api.forceFamily(MeterFamily.OPERATOR, true);
		WorkerMetrics.Task task = this.worker.startTask("image", true);
		this.worker.downloadSucceeded(Duration.ofMillis(5));
		this.worker.downloadFailed(DownloadFailureCode.TIMEOUT);
		task.complete(TaskOutcome.SUCCEEDED);
		PrometheusScrape scrape = scrape();
		assertThat(scrape.names()).noneMatch((name) -> name.startsWith("fetchbox_worker_"));
		assertThat(scrape.value("fetchbox_operator_requests_total")).isZero();
		assertThat(this.worker.inflight()).isZero();
	}

	@Test
	void forcingAFamilyOffWithdrawsItsSeriesAndForcingItOnBringsThemBack() {
		this.ledger.jobCreated();
		assertThat(scrape().value("fetchbox_ledger_jobs_created_total")).isEqualTo(1);
		this.ledger.forceFamily(MeterFamily.LEDGER, false);
		this.ledger.jobCreated();
		assertThat(scrape().names()).noneMatch((name) -> name.startsWith("fetchbox_ledger_"));
		this.ledger.forceFamily(MeterFamily.LEDGER, true);
		assertThat(scrape().value("fetchbox_ledger_jobs_created_total")).isEqualTo(2);
	}

	@Test
	void aConfiguredProxyPoolShowsAtZero() {
		this.worker.proxyPoolConfigured("Residential EU");
		PrometheusScrape scrape = scrape();
		assertThat(scrape.value("fetchbox_proxy_failures_total", "pool", "residential_eu")).isZero();
		assertThat(scrape.names()).noneMatch((name) -> name.startsWith("fetchbox_worker_"));
	}

	@Test
	void aFamilyTheRecorderDoesNotOwnIsRejected() {
		assertThat(this.ledger.families()).containsExactly(MeterFamily.LEDGER);
		assertThat(this.worker.families()).containsExactly(MeterFamily.WORKER, MeterFamily.PROXY);
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.forceFamily(MeterFamily.WORKER, true))
			.withMessageContaining("worker");
	}

	@Test
	void recordingAfterTheFirstUseOfAKeyNeverLooksUpTheRegistry() {
		AtomicInteger lookups = new AtomicInteger();
		PrometheusMeterRegistry counted = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		counted.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				lookups.incrementAndGet();
				return id;
			}
		});
		ApiMetrics api = new ApiMetrics();
		WorkerMetrics worker = new WorkerMetrics();
		api.bindTo(counted);
		worker.bindTo(counted);
		recordOnce(api, worker);
		int afterFirstUse = lookups.get();
		assertThat(afterFirstUse).isPositive();
		for (int i = 0; i < 1000; i++) {
			recordOnce(api, worker);
		}
		assertThat(lookups.get()).isEqualTo(afterFirstUse);
	}

	private static void recordOnce(ApiMetrics api, WorkerMetrics worker) {
		api.ingestAccepted(10, Duration.ofMillis(1));
		api.operatorRequest();
		worker.startTask("image", true).complete(TaskOutcome.SUCCEEDED);
		worker.downloadSucceeded(Duration.ofMillis(1));
		worker.downloadFailed(DownloadFailureCode.TIMEOUT);
		worker.proxyFailed("eu");
		worker.deadLettered();
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.parse(ReservedSuffixRenamer.rename(this.registry.scrape()));
	}

}
