package io.fetchbox.observability.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import io.fetchbox.observability.HostAndPort;

/**
 * Contributes lowest-precedence Actuator defaults (anything set explicitly wins):
 * <ul>
 * <li>web exposure of only {@code health}, {@code prometheus}, {@code info} and
 * {@code fetchbox} (PRODUCT.md section 10);</li>
 * <li>health details and components only for authorised users;</li>
 * <li>liveness checks the process only ({@code livenessState}); readiness checks
 * {@code readinessState} plus the FetchBox dependency indicators;</li>
 * <li>the liveness and readiness groups also on the main server port at {@code /livez}
 * and {@code /readyz} (targets of {@code /health/live} and {@code /health/ready}, which
 * the health auto-configuration forwards there);</li>
 * <li>{@code fetchbox.telemetry.metrics-addr} ({@code host:port}) mapped to
 * {@code management.server.address} and {@code management.server.port}, moving Actuator
 * to a separate port;</li>
 * <li>OpenMetrics exemplars only on histogram buckets and counters
 * ({@value #EXEMPLARS_ON_ALL_METRIC_TYPES} {@code false}).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class ActuatorDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryActuatorDefaults";

	/** Main-port path of the liveness group, the target of {@code /health/live}. */
	public static final String LIVENESS_PATH = "/livez";

	/** Main-port path of the readiness group, the target of {@code /health/ready}. */
	public static final String READINESS_PATH = "/readyz";

	/** Property listing the readiness group's members. */
	public static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

	/**
	 * Default readiness members; the FetchBox indicators that exist are added to it (see
	 * the health auto-configuration) unless the property is set explicitly.
	 */
	public static final String DEFAULT_READINESS_INCLUDE = "readinessState";

	/**
	 * Prometheus client property for exemplars on every line type. Micrometer turns it
	 * on, but Prometheus before 2.43 rejects a whole scrape with an exemplar on a
	 * {@code _count} line; set it to {@code true} to opt back in.
	 */
	public static final String EXEMPLARS_ON_ALL_METRIC_TYPES = "management.prometheus.metrics.export.properties."
			+ "io.prometheus.exporter.exemplarsOnAllMetricTypes";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus,info,fetchbox");
		defaults.put("management.endpoint.health.show-details", "when-authorized");
		defaults.put("management.endpoint.health.probes.enabled", true);
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.group.liveness.additional-path", "server:" + LIVENESS_PATH);
		defaults.put(READINESS_INCLUDE, DEFAULT_READINESS_INCLUDE);
		defaults.put("management.endpoint.health.group.readiness.additional-path", "server:" + READINESS_PATH);
		defaults.put(EXEMPLARS_ON_ALL_METRIC_TYPES, "false");
		String metricsAddr = environment.getProperty("fetchbox.telemetry.metrics-addr");
		if (StringUtils.hasText(metricsAddr)) {
			HostAndPort address = HostAndPort.parse(metricsAddr.trim(), "fetchbox.telemetry.metrics-addr");
			defaults.put("management.server.port", address.port());
			defaults.put("management.server.address", address.host());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}
