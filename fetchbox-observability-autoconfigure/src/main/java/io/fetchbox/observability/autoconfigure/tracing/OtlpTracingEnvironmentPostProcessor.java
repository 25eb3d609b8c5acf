package io.fetchbox.observability.autoconfigure.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 * <p>
 * The starter exports over the JDK's HTTP client; {@code grpc} needs a gRPC sender on the
 * class path, and start-up fails naming the property when there is none (the exporter
 * would otherwise fail later, deep in Boot's auto-configuration).
 *
 * @since 0.1.0
 */
public class OtlpTracingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryTracing";

	private static final String EXPORT = "management.opentelemetry.tracing.export.otlp.";

	private static final String GRPC_EXPORTER = "io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter";

	private static final String[] GRPC_SENDERS = {
			"io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider",
			"io.opentelemetry.exporter.sender.grpc.managedchannel.internal.UpstreamGrpcSenderProvider" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		OtlpProperties otlp = Binder.get(environment)
			.bind(OtlpProperties.PREFIX, Bindable.of(OtlpProperties.class))
			.orElseGet(OtlpProperties::new);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("management.tracing.sampling.probability", otlp.getSamplingProbability());
		if (otlp.isEnabled()) {
			if (otlp.getProtocol() == OtlpProtocol.GRPC) {
				requireGrpcSender(application.getClassLoader());
			}
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

	private static void requireGrpcSender(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(GRPC_EXPORTER, classLoader)) {
			return;
		}
		for (String sender : GRPC_SENDERS) {
			if (ClassUtils.isPresent(sender, classLoader)) {
				return;
			}
		}
		throw new IllegalStateException("'" + OtlpProperties.PREFIX + ".protocol' is 'grpc', but no OpenTelemetry gRPC"
				+ " sender is on the class path: add io.opentelemetry:opentelemetry-exporter-sender-okhttp"
				+ " (or opentelemetry-exporter-sender-grpc-managed-channel), or use 'http/protobuf'");
	}

}
