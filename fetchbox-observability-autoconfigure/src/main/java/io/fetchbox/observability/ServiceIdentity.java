package io.fetchbox.observability;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Effective identity of the running service: the {@code service}, {@code environment} and
 * {@code version} written on every log line, used as the {@code service} metric tag and
 * as the OpenTelemetry resource. Resolved once from {@code fetchbox.telemetry.*} with
 * {@code spring.application.name} and the build version as fallbacks.
 *
 * @param service service name, never empty
 * @param environment deployment environment, or {@code null} when not configured
 * @param version service version, or {@code null} when neither configured nor known from
 * the build
 * @since 0.1.0
 */
public record ServiceIdentity(String service, @Nullable String environment, @Nullable String version) {

	/**
	 * Service name used when neither {@code fetchbox.telemetry.service-name} nor
	 * {@code spring.application.name} is set; the same default as OpenTelemetry's.
	 */
	public static final String UNKNOWN_SERVICE = "unknown_service";

	public ServiceIdentity {
		Assert.hasText(service, "'service' must not be empty");
	}

}
