package io.fetchbox.observability.autoconfigure.tracing;

import java.time.Duration;
import java.util.Set;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OtlpTracingEnvironmentPostProcessorTests {

	private static final String EXPORT = "management.opentelemetry.tracing.export.otlp.";

	private static final String OTLP_REGISTRY = "io.micrometer.registry.otlp.OtlpMeterRegistry";

	private static final String OKHTTP_GRPC_SENDER = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider";

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
		process(new GeneratedClassLoader(getClass().getClassLoader(), OKHTTP_GRPC_SENDER));
		assertThat(this.environment.getProperty(EXPORT + "transport")).isEqualTo("grpc");
	}

	@Test
	void grpcWithoutGrpcSenderFailsNamingProperty() {
		// The starter's class path: the OTLP exporter over the JDK HTTP client, no gRPC
		// sender.
		this.environment.withProperty("fetchbox.telemetry.otlp.enabled", "true")
			.withProperty("fetchbox.telemetry.otlp.protocol", "grpc");
		assertThatIllegalStateException().isThrownBy(this::process)
			.withMessageContaining("'fetchbox.telemetry.otlp.protocol' is 'grpc'")
			.withMessageContaining("opentelemetry-exporter-sender-okhttp");
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
		application.setResourceLoader(
				new DefaultResourceLoader(new GeneratedClassLoader(getClass().getClassLoader(), OTLP_REGISTRY)));
		this.processor.postProcessEnvironment(this.environment, application);
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
	}

	@Test
	void explicitOtlpMetricsSettingWins() {
		this.environment.withProperty("management.otlp.metrics.export.enabled", "true");
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(
				new DefaultResourceLoader(new GeneratedClassLoader(getClass().getClassLoader(), OTLP_REGISTRY)));
		this.processor.postProcessEnvironment(this.environment, application);
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	private void process() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
	}

	private void process(ClassLoader classLoader) {
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(classLoader));
		this.processor.postProcessEnvironment(this.environment, application);
	}

	/**
	 * Class loader that has (generated, empty) classes of the given names, standing in
	 * for a library on the class path, such as {@code micrometer-registry-otlp}.
	 */
	static class GeneratedClassLoader extends ClassLoader {

		private final Set<String> names;

		GeneratedClassLoader(ClassLoader parent, String... names) {
			super(parent);
			this.names = Set.of(names);
		}

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			if (!this.names.contains(name)) {
				throw new ClassNotFoundException(name);
			}
			ClassWriter writer = new ClassWriter(0);
			writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name.replace('.', '/'), null, "java/lang/Object", null);
			writer.visitEnd();
			byte[] bytes = writer.toByteArray();
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
