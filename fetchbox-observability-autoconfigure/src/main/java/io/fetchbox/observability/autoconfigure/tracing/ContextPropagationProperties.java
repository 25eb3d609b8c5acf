package io.fetchbox.observability.autoconfigure.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Context propagation properties ({@code fetchbox.telemetry.context-propagation.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(ContextPropagationProperties.PREFIX)
public class ContextPropagationProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.context-propagation";

	/**
	 * Whether trace and correlation context (MDC) follow tasks into Spring's task
	 * executors and '@Async' methods.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
