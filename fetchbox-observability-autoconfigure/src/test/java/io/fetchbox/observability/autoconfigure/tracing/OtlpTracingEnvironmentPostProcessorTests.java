package io.fetchbox.observability.autoconfigure.tracing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OtlpTracingEnvironmentPostProcessorTests {

	private static final String EXPORT = "management.opentelemetry.tracing.export.otlp.";

	private final OtlpTracingEnvironmentPostProcessor processor = new OtlpTracingEnvironmentPostProcessor();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void offByDefaultSetsNoEndpoint() {
		process();
		assertThat(this.environment.containsProperty(EXPORT + "endpoint")).isFalse();
		assertThat(this.environment.getProperty("management.tracing.sampling.probability", Double.class))
			.isEqualTo(0.1);
	}

	@Test
	void enabledMapsOntoBootProperties() {
		this.environment.withProperty("fetchbox.telemetry.otlp.enabled", "true")
			.withProperty("fetchbox.telemetry.otlp.endpoint", "https://collector:4318/v1/traces")
			.withProperty("fetchbox.telemetry.otlp.timeout", "3s")
			.withProperty("fetchbox.telemetry.otlp.sampling-probability", "1.0")
			.withProperty("fetchbox.telemetry.otlp.headers.Authorization", "Bearer x");
		process();
		assertThat(this.environment.getProperty(EXPORT + "endpoint")).isEqualTo("https://collector:4318/v1/traces");
		assertThat(this.environment.getProperty(EXPORT + "transport")).isEqualTo("http");
		Binder binder = Binder.get(this.environment);
		assertThat(binder.bind(EXPORT + "timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(3));
		assertThat(binder.bind(EXPORT + "headers", Bindable.mapOf(String.class, String.class)).get())
			.containsEntry("Authorization", "Bearer x");
		assertThat(this.environment.getProperty("management.tracing.sampling.probability", Double.class))
			.isEqualTo(1.0);
	}

	@Test
	void grpcProtocolSelectsGrpcTransport() {
		this.environment.withProperty("fetchbox.telemetry.otlp.enabled", "true")
			.withProperty("fetchbox.telemetry.otlp.protocol", "grpc")
			.withProperty("fetchbox.telemetry.otlp.endpoint", "http://collector:4317");
		process();
		assertThat(this.environment.getProperty(EXPORT + "transport")).isEqualTo("grpc");
	}

	@Test
	void explicitBootPropertiesWin() {
		this.environment.withProperty("fetchbox.telemetry.otlp.enabled", "true")
			.withProperty("management.tracing.sampling.probability", "0.5")
			.withProperty(EXPORT + "endpoint", "http://mine:4318/v1/traces");
		process();
		assertThat(this.environment.getProperty(EXPORT + "endpoint")).isEqualTo("http://mine:4318/v1/traces");
		assertThat(this.environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
	}

	@Test
	void invalidValueFailsNamingProperty() {
		this.environment.withProperty("fetchbox.telemetry.otlp.sampling-probability", "2");
		assertThatExceptionOfType(BindException.class).isThrownBy(this::process)
			.withMessageContaining("fetchbox.telemetry.otlp")
			.withRootCauseInstanceOf(IllegalArgumentException.class)
			.havingRootCause()
			.withMessage("'fetchbox.telemetry.otlp.sampling-probability' must be between 0.0 and 1.0");
	}

	private void process() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
	}

}
