package io.fetchbox.observability.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

import io.fetchbox.observability.HostAndPort;
import io.fetchbox.observability.ServiceIdentity;

/**
 * The top-level {@code fetchbox.telemetry.*} properties: the service identity and the
 * Actuator address. Each concern binds its own properties class under this prefix, beside
 * its auto-configuration (for example {@code autoconfigure.logging.LoggingProperties}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FetchboxTelemetryProperties.PREFIX)
public class FetchboxTelemetryProperties {

	/**
	 * Prefix of every FetchBox observability property.
	 */
	public static final String PREFIX = "fetchbox.telemetry";

	/**
	 * Service name written as the 'service' log field, metric tag and OpenTelemetry
	 * 'service.name'. Defaults to 'spring.application.name'.
	 */
	private @Nullable String serviceName;

	/**
	 * Deployment environment written as the 'environment' log field (for example 'prod').
	 */
	private @Nullable String environment;

	/**
	 * Service version written as the 'version' log field. Defaults to
	 * 'spring.application.version' (the application jar's 'Implementation-Version'), else
	 * the build version from 'META-INF/build-info.properties'.
	 */
	private @Nullable String version;

	/**
	 * Address ('host:port') of a separate HTTP port for Actuator endpoints. Empty serves
	 * them on the main port.
	 */
	private String metricsAddr = "";

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		if (serviceName != null && !serviceName.isEmpty() && serviceName.isBlank()) {
			throw new IllegalArgumentException("'fetchbox.telemetry.service-name' must not be blank");
		}
		this.serviceName = serviceName;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public String getMetricsAddr() {
		return this.metricsAddr;
	}

	public void setMetricsAddr(@Nullable String metricsAddr) {
		String value = (metricsAddr != null) ? metricsAddr.trim() : "";
		if (!value.isEmpty()) {
			HostAndPort.parse(value, "fetchbox.telemetry.metrics-addr");
		}
		this.metricsAddr = value;
	}

	/**
	 * The service identity these properties name. Their fallbacks
	 * ({@code spring.application.name}, the application's version) are defaults that
	 * {@link ServiceIdentityEnvironmentPostProcessor} contributes to the environment, so
	 * logs, metrics and traces read the same values; only a context started without it
	 * (no {@code SpringApplication}) gets {@value ServiceIdentity#UNKNOWN_SERVICE}.
	 * @return the identity, blank values left out
	 */
	public ServiceIdentity toServiceIdentity() {
		String service = StringUtils.hasText(this.serviceName) ? this.serviceName.trim()
				: ServiceIdentity.UNKNOWN_SERVICE;
		return new ServiceIdentity(service, StringUtils.hasText(this.environment) ? this.environment : null,
				StringUtils.hasText(this.version) ? this.version : null);
	}

}
