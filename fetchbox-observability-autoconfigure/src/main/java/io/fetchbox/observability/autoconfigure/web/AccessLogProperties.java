package io.fetchbox.observability.autoconfigure.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access log properties ({@code fetchbox.telemetry.logging.access-log.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AccessLogProperties.PREFIX)
public class AccessLogProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.logging.access-log";

	/**
	 * Whether to log one "request completed" line per HTTP request.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of request path patterns that get no access log line. Set it
	 * empty to log health and metrics requests too.
	 */
	// An array initializer, so the configuration processor records the default.
	private String[] excludePaths = { "/actuator/health/**", "/actuator/prometheus", "/actuator/metrics/**",
			"/health/**", "/livez", "/readyz" };

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getExcludePaths() {
		return List.of(this.excludePaths);
	}

	public void setExcludePaths(List<String> excludePaths) {
		for (String path : excludePaths) {
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.logging.access-log.exclude-paths' entries must start with '/'");
			}
		}
		this.excludePaths = excludePaths.toArray(new String[0]);
	}

}
