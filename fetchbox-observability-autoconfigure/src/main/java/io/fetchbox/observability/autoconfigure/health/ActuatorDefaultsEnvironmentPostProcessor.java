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
 * <li>web exposure of only {@code health} and {@code prometheus} when Actuator shares the
 * application's port; {@code info} and the {@code fetchbox} debug endpoint (broker
 * address, last connection error, settings) are added only when Actuator has a port of
 * its own ({@code fetchbox.telemetry.metrics-addr} or {@code management.server.port}),
 * which is not published like the application's;</li>
 * <li>health details only for authorised users; the readiness group names its components
 * and their status, so that a 503 from {@code /health/ready} says which one is down
 * (unless {@code management.endpoint.health.show-components} is set);</li>
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

	/** Endpoints exposed over HTTP when Actuator shares the application's port. */
	public static final String MAIN_PORT_EXPOSURE = "health,prometheus";

	/** Endpoints exposed over HTTP when Actuator has a port of its own. */
	public static final String MANAGEMENT_PORT_EXPOSURE = "health,prometheus,info,fetchbox";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		String metricsAddr = environment.getProperty("fetchbox.telemetry.metrics-addr");
		boolean ownPort = StringUtils.hasText(metricsAddr) || hasSeparateManagementPort(environment);
		defaults.put("management.endpoints.web.exposure.include",
				ownPort ? MANAGEMENT_PORT_EXPOSURE : MAIN_PORT_EXPOSURE);
		defaults.put("management.endpoint.health.show-details", "when-authorized");
		if (!environment.containsProperty("management.endpoint.health.show-components")) {
			defaults.put("management.endpoint.health.group.readiness.show-components", "always");
		}
		defaults.put("management.endpoint.health.probes.enabled", true);
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.group.liveness.additional-path", "server:" + LIVENESS_PATH);
		defaults.put(READINESS_INCLUDE, DEFAULT_READINESS_INCLUDE);
		defaults.put("management.endpoint.health.group.readiness.additional-path", "server:" + READINESS_PATH);
		defaults.put(EXEMPLARS_ON_ALL_METRIC_TYPES, "false");
		if (StringUtils.hasText(metricsAddr)) {
			HostAndPort address = HostAndPort.parse(metricsAddr.trim(), "fetchbox.telemetry.metrics-addr");
			defaults.put("management.server.port", address.port());
			defaults.put("management.server.address", address.host());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * Whether {@code management.server.port} moves Actuator off the application's port
	 * (the rules of Boot's {@code ManagementPortType}).
	 */
	private static boolean hasSeparateManagementPort(ConfigurableEnvironment environment) {
		Integer managementPort = environment.getProperty("management.server.port", Integer.class);
		if (managementPort == null || managementPort < 0) {
			return false;
		}
		Integer serverPort = environment.getProperty("server.port", Integer.class);
		boolean same = (serverPort == null) ? managementPort == 8080
				: managementPort != 0 && managementPort.equals(serverPort);
		return !same;
	}

}
