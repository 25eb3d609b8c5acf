package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * The FetchBox meter catalog (PRODUCT.md section 6): every meter the typed API and the
 * job log emitter ({@code io.fetchbox.observability.joblog.metrics}) register, with its
 * Micrometer name, type, base unit, tag keys and the Prometheus name a scrape shows. The
 * binders build their meters from these entries, and the documentation, dashboard and
 * alert tests check against them, so a name lives in exactly one place.
 * <p>
 * Base units are chosen so that Micrometer's Prometheus naming convention renders exactly
 * the contract's names (a base unit is appended unless the name already ends with it;
 * counters get {@code _total}, timers {@code _seconds}).
 *
 * @since 0.1.0
 */
public enum FetchboxMeter {

	/** Requests served, by status and matched route template. */
	API_REQUESTS(null, "fetchbox.api.requests", Meter.Type.COUNTER, "requests", "fetchbox_api_requests_total",
			"HTTP requests served, by status and matched route template (UNMATCHED when no handler matched)", "status",
			"route"),

	/** Job submissions, by result. */
	INGEST_JOBS(MeterFamily.INGEST, "fetchbox.ingest.jobs", Meter.Type.COUNTER, "jobs", "fetchbox_ingest_jobs_total",
			"Job submissions, by result", "result"),

	/** Payload bytes of accepted job submissions. */
	INGEST_BYTES(MeterFamily.INGEST, "fetchbox.ingest.bytes", Meter.Type.COUNTER, BaseUnits.BYTES,
			"fetchbox_ingest_bytes_total", "Request payload bytes of accepted job submissions"),

	/** Time to ingest a job submission. */
	INGEST_DURATION(MeterFamily.INGEST, "fetchbox.ingest.duration", Meter.Type.TIMER, null,
			"fetchbox_ingest_duration_seconds", "Time to validate, record and publish a job submission"),

	/** Requests to the operator endpoints. */
	OPERATOR_REQUESTS(MeterFamily.OPERATOR, "fetchbox.operator.requests", Meter.Type.COUNTER, "requests",
			"fetchbox_operator_requests_total", "Requests to the operator endpoints (log tail, job inspection)"),

	/** Tasks being processed right now. */
	WORKER_TASKS_INFLIGHT(MeterFamily.WORKER, "fetchbox.worker.tasks.inflight", Meter.Type.GAUGE, null,
			"fetchbox_worker_tasks_inflight", "Download tasks being processed by this worker right now"),

	/** Time to download a resource. */
	WORKER_DOWNLOAD_LATENCY(MeterFamily.WORKER, "fetchbox.worker.download.latency", Meter.Type.TIMER, null,
			"fetchbox_worker_download_latency_seconds", "Time to download a resource (successful downloads)"),

	/** Failed downloads, by failure code. */
	WORKER_DOWNLOAD_FAILURES(MeterFamily.WORKER, "fetchbox.worker.download.failures", Meter.Type.COUNTER, "failures",
			"fetchbox_worker_download_failures_total", "Failed download attempts, by failure code", "code"),

	/** Failed storage uploads, by failure code. */
	WORKER_STORAGE_FAILURES(MeterFamily.WORKER, "fetchbox.worker.storage.failures", Meter.Type.COUNTER, "failures",
			"fetchbox_worker_storage_failures_total", "Failed uploads to object storage, by failure code", "code"),

	/** Tasks sent to the dead letter topic. */
	WORKER_DLQ(MeterFamily.WORKER, "fetchbox.worker.dlq", Meter.Type.COUNTER, null, "fetchbox_worker_dlq_total",
			"Tasks given up on and published to the dead letter topic"),

	/** Proxy failures, by pool. */
	PROXY_FAILURES(MeterFamily.PROXY, "fetchbox.proxy.failures", Meter.Type.COUNTER, "failures",
			"fetchbox_proxy_failures_total", "Download attempts that failed because of the proxy, by proxy pool",
			"pool"),

	/** Tasks processed, by job type, outcome and trace context presence. */
	WORKER_TASKS(MeterFamily.WORKER, "fetchbox.worker.tasks", Meter.Type.COUNTER, "tasks",
			"fetchbox_worker_tasks_total",
			"Download tasks processed, by job type, outcome and whether the task arrived with trace context",
			"job_type", "outcome", "trace"),

	/** Time to process a task. */
	WORKER_TASK_DURATION(MeterFamily.WORKER, "fetchbox.worker.task.duration", Meter.Type.TIMER, null,
			"fetchbox_worker_task_duration_seconds", "Time to process a download task, by job type and outcome",
			"job_type", "outcome"),

	/** Task retries, by job type. */
	WORKER_RETRIES(MeterFamily.WORKER, "fetchbox.worker.retries", Meter.Type.COUNTER, "retries",
			"fetchbox_worker_retries_total", "Download tasks scheduled for another attempt, by job type", "job_type"),

	/** Jobs created in the ledger. */
	LEDGER_JOBS_CREATED(MeterFamily.LEDGER, "fetchbox.ledger.jobs.created", Meter.Type.COUNTER, null,
			"fetchbox_ledger_jobs_created_total", "Job snapshots created in the ledger"),

	/** Job updates in the ledger. */
	LEDGER_JOBS_UPDATED(MeterFamily.LEDGER, "fetchbox.ledger.jobs.updated", Meter.Type.COUNTER, null,
			"fetchbox_ledger_jobs_updated_total", "Job snapshot updates written to the ledger"),

	/** Job log records written to the ledger. */
	LEDGER_LOGS_WRITTEN(MeterFamily.LEDGER, "fetchbox.ledger.logs.written", Meter.Type.COUNTER, null,
			"fetchbox_ledger_logs_written_total", "Job log records written to the ledger"),

	/** Submissions answered from an earlier one with the same idempotency key. */
	LEDGER_IDEMPOTENCY_HITS(MeterFamily.LEDGER, "fetchbox.ledger.idempotency.hits", Meter.Type.COUNTER, null,
			"fetchbox_ledger_idempotency_hits_total",
			"Submissions answered from an earlier one with the same idempotency key"),

	/** Submissions whose idempotency key was new. */
	LEDGER_IDEMPOTENCY_MISSES(MeterFamily.LEDGER, "fetchbox.ledger.idempotency.misses", Meter.Type.COUNTER, null,
			"fetchbox_ledger_idempotency_misses_total", "Submissions whose idempotency key was not seen before"),

	/** Jobs removed by retention. */
	LEDGER_PRUNED_JOBS(MeterFamily.LEDGER, "fetchbox.ledger.pruned.jobs", Meter.Type.COUNTER, null,
			"fetchbox_ledger_pruned_jobs_total", "Jobs removed from the ledger by retention"),

	/** Job log records removed by retention. */
	LEDGER_PRUNED_LOGS(MeterFamily.LEDGER, "fetchbox.ledger.pruned.logs", Meter.Type.COUNTER, null,
			"fetchbox_ledger_pruned_logs_total", "Job log records removed from the ledger by retention"),

	/** Consumer lag per partition. */
	QUEUE_LAG(null, "fetchbox.queue.lag", Meter.Type.GAUGE, "messages", "fetchbox_queue_lag_messages",
			"Messages not yet consumed by the consumer group, per topic partition", "topic", "partition", "group"),

	/** Readiness of the service. */
	SERVICE_READY(null, "service.ready", Meter.Type.GAUGE, null, "service_ready",
			"Whether the service is ready (1) or not (0): the result of the readiness health group"),

	/** Job log records delivered (the job log emitter's meters follow). */
	LOG_EMITTER_SENT(null, "fetchbox.log.emitter.sent", Meter.Type.COUNTER, BaseUnits.EVENTS,
			"fetchbox_log_emitter_sent_events_total", "Job log records delivered to the jobs.logs topic"),

	/** Job log records dropped, by reason. */
	LOG_EMITTER_DROPPED(null, "fetchbox.log.emitter.dropped", Meter.Type.COUNTER, BaseUnits.EVENTS,
			"fetchbox_log_emitter_dropped_events_total", "Job log records dropped", "reason"),

	/** Job log records not yet acknowledged. */
	LOG_EMITTER_QUEUED(null, "fetchbox.log.emitter.queued", Meter.Type.GAUGE, BaseUnits.EVENTS,
			"fetchbox_log_emitter_queued_events", "Job log records buffered and not yet acknowledged"),

	/** Estimated bytes of the job log records not yet acknowledged. */
	LOG_EMITTER_QUEUED_BYTES(null, "fetchbox.log.emitter.queued.bytes", Meter.Type.GAUGE, BaseUnits.BYTES,
			"fetchbox_log_emitter_queued_bytes", "Estimated size of the job log records not yet acknowledged"),

	/** Job log send requests, by outcome. */
	LOG_EMITTER_BATCHES(null, "fetchbox.log.emitter.batches", Meter.Type.COUNTER, "batches",
			"fetchbox_log_emitter_batches_total", "Job log send requests", "outcome"),

	/** Time from sending a job log batch to its acknowledgement. */
	LOG_EMITTER_SEND(null, "fetchbox.log.emitter.send", Meter.Type.TIMER, null, "fetchbox_log_emitter_send_seconds",
			"Time from sending a job log batch to its acknowledgement"),

	/** Reconnections of the Iggy client the emitter sends through. */
	LOG_EMITTER_RECONNECTS(null, "fetchbox.log.emitter.reconnects", Meter.Type.COUNTER, null,
			"fetchbox_log_emitter_reconnects_total", "Reconnections of the Iggy client after a failure");

	/**
	 * Upper bounds of the latency histograms: Prometheus buckets with trace exemplars
	 * when tracing is on, few enough to keep the series count low.
	 */
	static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(60) };

	private final @Nullable MeterFamily family;

	private final String meterName;

	private final Meter.Type type;

	private final @Nullable String baseUnit;

	private final String prometheusName;

	private final String description;

	private final List<String> tagKeys;

	FetchboxMeter(@Nullable MeterFamily family, String meterName, Meter.Type type, @Nullable String baseUnit,
			String prometheusName, String description, String... tagKeys) {
		this.family = family;
		this.meterName = meterName;
		this.type = type;
		this.baseUnit = baseUnit;
		this.prometheusName = prometheusName;
		this.description = description;
		this.tagKeys = List.of(tagKeys);
	}

	/**
	 * The family the meter belongs to, exported only by services that use it, or
	 * {@code null} for a meter every service exports when it records it.
	 * @return the family
	 */
	public @Nullable MeterFamily family() {
		return this.family;
	}

	/**
	 * Micrometer (dotted) name.
	 * @return the meter name
	 */
	public String meterName() {
		return this.meterName;
	}

	/**
	 * Meter type.
	 * @return the type
	 */
	public Meter.Type type() {
		return this.type;
	}

	/**
	 * Base unit, or {@code null} for none.
	 * @return the base unit
	 */
	public @Nullable String baseUnit() {
		return this.baseUnit;
	}

	/**
	 * Name of the series in a Prometheus scrape (for timers, the prefix of
	 * {@code _count}, {@code _sum}, {@code _max} and {@code _bucket}).
	 * @return the Prometheus name
	 */
	public String prometheusName() {
		return this.prometheusName;
	}

	/**
	 * What the meter measures.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Tag keys, besides the common {@code service} tag.
	 * @return the tag keys
	 */
	public List<String> tagKeys() {
		return this.tagKeys;
	}

	Counter.Builder counter() {
		return Counter.builder(this.meterName).description(this.description).baseUnit(this.baseUnit);
	}

	<T> FunctionCounter.Builder<T> functionCounter(T state, java.util.function.ToDoubleFunction<T> count) {
		return FunctionCounter.builder(this.meterName, state, count)
			.description(this.description)
			.baseUnit(this.baseUnit);
	}

	<T> Gauge.Builder<T> gauge(T state, java.util.function.ToDoubleFunction<T> value) {
		return Gauge.builder(this.meterName, state, value).description(this.description).baseUnit(this.baseUnit);
	}

	Timer.Builder timer() {
		return Timer.builder(this.meterName).description(this.description).serviceLevelObjectives(LATENCY_BUCKETS);
	}

}
