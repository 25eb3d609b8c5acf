package io.fetchbox.observability.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A group of catalog meters that belongs to one role of a FetchBox service. A service
 * exports a family only once it does what the family measures (see
 * {@link MeterFamilyRecorder}); the meters outside every family ({@code service_ready},
 * {@code fetchbox_api_requests_total}, {@code fetchbox_queue_lag_messages}) are exported
 * by every service that records them.
 *
 * @since 0.1.0
 */
public enum MeterFamily {

	/** Job submissions ({@code fetchbox_ingest_*}): the API service. */
	INGEST,

	/** Requests to the operator endpoints ({@code fetchbox_operator_requests_total}). */
	OPERATOR,

	/** The job ledger ({@code fetchbox_ledger_*}). */
	LEDGER,

	/** Task processing ({@code fetchbox_worker_*}): download workers. */
	WORKER,

	/**
	 * Proxy pools ({@code fetchbox_proxy_failures_total}): workers that download through
	 * proxies.
	 */
	PROXY;

	/**
	 * Name of the family in configuration
	 * ({@code fetchbox.telemetry.metrics.families.<key>}).
	 * @return the lowercase name
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The catalog meters of this family.
	 * @return the meters
	 */
	public List<FetchboxMeter> meters() {
		return Arrays.stream(FetchboxMeter.values()).filter((meter) -> meter.family() == this).toList();
	}

}
