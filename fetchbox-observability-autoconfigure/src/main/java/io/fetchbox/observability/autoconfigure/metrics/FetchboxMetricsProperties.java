package io.fetchbox.observability.autoconfigure.metrics;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.fetchbox.observability.metrics.MeterFamily;

/**
 * Meter catalog properties ({@code fetchbox.telemetry.metrics.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FetchboxMetricsProperties.PREFIX)
public class FetchboxMetricsProperties {

	/** Prefix of the metrics properties. */
	public static final String PREFIX = "fetchbox.telemetry.metrics";

	/**
	 * Meter families forced on (exported from startup) or off (never exported), by
	 * family: ingest, operator, ledger, worker, proxy. A family not listed is exported
	 * once the service uses it.
	 */
	private final Map<MeterFamily, Boolean> families = new EnumMap<>(MeterFamily.class);

	public Map<MeterFamily, Boolean> getFamilies() {
		return this.families;
	}

}
