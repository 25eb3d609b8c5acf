package io.fetchbox.observability.autoconfigure.tracing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.DefaultResourceLoader;
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

	@Test
	void otlpMetricsExportIsOffWhenItsRegistryIsPresent() {
		process();
		assertThat(this.environment.containsProperty("management.otlp.metrics.export.enabled")).isFalse();
		SpringApplication application = new SpringApplication();
		application
			.setResourceLoader(new DefaultResourceLoader(new OtlpRegistryClassLoader(getClass().getClassLoader())));
		this.processor.postProcessEnvironment(this.environment, application);
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
	}

	@Test
	void explicitOtlpMetricsSettingWins() {
		this.environment.withProperty("management.otlp.metrics.export.enabled", "true");
		SpringApplication application = new SpringApplication();
		application
			.setResourceLoader(new DefaultResourceLoader(new OtlpRegistryClassLoader(getClass().getClassLoader())));
		this.processor.postProcessEnvironment(this.environment, application);
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	private void process() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
	}

	/**
	 * Class loader that has a (generated, empty) {@code OtlpMeterRegistry}, standing in
	 * for {@code micrometer-registry-otlp} on the class path.
	 */
	static class OtlpRegistryClassLoader extends ClassLoader {

		private static final String NAME = "io.micrometer.registry.otlp.OtlpMeterRegistry";

		OtlpRegistryClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			if (!NAME.equals(name)) {
				throw new ClassNotFoundException(name);
			}
			ClassWriter writer = new ClassWriter(0);
			writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME.replace('.', '/'), null, "java/lang/Object", null);
			writer.visitEnd();
			byte[] bytes = writer.toByteArray();
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
