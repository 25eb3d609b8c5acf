package io.fetchbox.observability.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Problem response properties ({@code fetchbox.telemetry.problem-details.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(ProblemDetailsProperties.PREFIX)
public class ProblemDetailsProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.problem-details";

	/**
	 * Whether Spring MVC error responses are 'application/problem+json' with 'request_id'
	 * and 'trace_id' members.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
