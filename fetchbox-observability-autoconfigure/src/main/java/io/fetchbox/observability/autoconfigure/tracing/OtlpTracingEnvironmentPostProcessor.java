package io.fetchbox.observability.autoconfigure.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import io.fetchbox.observability.autoconfigure.tracing.OtlpProperties.OtlpProtocol;

/**
 * Maps {@code fetchbox.telemetry.otlp.*} onto Spring Boot's own tracing properties, as
 * lowest-precedence defaults, so Boot's OpenTelemetry auto-configuration builds the one
 * exporter (no second exporter here):
 * <ul>
 * <li>{@code sampling-probability} to
 * {@code management.tracing.sampling.probability};</li>
 * <li>when {@code enabled}, {@code endpoint}, {@code protocol}, {@code headers} and
 * {@code timeout} to {@code management.opentelemetry.tracing.export.otlp.*}. When off, no
 * endpoint is set and Boot creates no exporter, so no connection is ever attempted.</li>
 * </ul>
 * Also turns OTLP <em>metrics</em> export off by default when its registry is on the
 * class path: FetchBox services are scraped by Prometheus. Boot properties set explicitly
 * win.
 *
 * @since 0.1.0
 */
public class OtlpTracingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryTracing";

	private static final String EXPORT = "management.opentelemetry.tracing.export.otlp.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		OtlpProperties otlp = Binder.get(environment)
			.bind(OtlpProperties.PREFIX, Bindable.of(OtlpProperties.class))
			.orElseGet(OtlpProperties::new);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("management.tracing.sampling.probability", otlp.getSamplingProbability());
		if (otlp.isEnabled()) {
			properties.put(EXPORT + "endpoint", otlp.getEndpoint());
			properties.put(EXPORT + "transport", (otlp.getProtocol() == OtlpProtocol.GRPC) ? "grpc" : "http");
			properties.put(EXPORT + "timeout", otlp.getTimeout());
			otlp.getHeaders().forEach((name, value) -> properties.put(EXPORT + "headers[" + name + "]", value));
		}
		if (ClassUtils.isPresent("io.micrometer.registry.otlp.OtlpMeterRegistry", application.getClassLoader())) {
			properties.put("management.otlp.metrics.export.enabled", false);
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

}
