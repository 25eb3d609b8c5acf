package io.fetchbox.observability.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import io.fetchbox.observability.ServiceIdentity;
import io.fetchbox.observability.autoconfigure.logging.LoggingProperties;
import io.fetchbox.observability.autoconfigure.tracing.ContextPropagationAutoConfiguration;
import io.fetchbox.observability.autoconfigure.tracing.OtlpProperties;
import io.fetchbox.observability.autoconfigure.web.AccessLogProperties;
import io.fetchbox.observability.autoconfigure.web.RequestIdProperties;
import io.fetchbox.observability.autoconfigure.web.WebObservabilityAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class FetchboxTelemetryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class))
		.withInitializer(new ServiceIdentityDefaults());

	@Test
	void defaultsUseApplicationName() {
		this.runner.withPropertyValues("spring.application.name=orders").run((context) -> {
			assertThat(context).hasSingleBean(ServiceIdentity.class);
			assertThat(context.getBean(ServiceIdentity.class)).isEqualTo(new ServiceIdentity("orders", null, null));
			FetchboxTelemetryProperties properties = context.getBean(FetchboxTelemetryProperties.class);
			assertThat(properties.getMetricsAddr()).isEmpty();
			LoggingProperties logging = context.getBean(LoggingProperties.class);
			assertThat(logging.getFormat()).isEqualTo(LoggingProperties.LogFormat.JSON);
			assertThat(logging.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(16));
			assertThat(context.getBean(AccessLogProperties.class).isEnabled()).isTrue();
			assertThat(context.getBean(RequestIdProperties.class).getHeader()).isEqualTo("X-Request-ID");
			OtlpProperties otlp = context.getBean(OtlpProperties.class);
			assertThat(otlp.isEnabled()).isFalse();
			assertThat(otlp.getEndpoint()).isEqualTo("http://localhost:4318/v1/traces");
			assertThat(otlp.getProtocol()).hasToString("http/protobuf");
			assertThat(otlp.getSamplingProbability()).isEqualTo(0.1);
			assertThat(otlp.getTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void unknownServiceWithoutAnyName() {
		this.runner.run((context) -> assertThat(context.getBean(ServiceIdentity.class).service())
			.isEqualTo(ServiceIdentity.UNKNOWN_SERVICE));
	}

	@Test
	void explicitIdentityWins() {
		this.runner
			.withPropertyValues("spring.application.name=orders", "fetchbox.telemetry.service-name=fetchbox-api",
					"fetchbox.telemetry.environment=prod", "fetchbox.telemetry.version=1.2.3")
			.run((context) -> assertThat(context.getBean(ServiceIdentity.class))
				.isEqualTo(new ServiceIdentity("fetchbox-api", "prod", "1.2.3")));
	}

	@Test
	void versionFallsBackToApplicationVersion() {
		this.runner.withPropertyValues("spring.application.version=7.7.7")
			.run((context) -> assertThat(context.getBean(ServiceIdentity.class).version()).isEqualTo("7.7.7"));
	}

	@Test
	void startsWithoutLogbackOrTheEncoder() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class,
					ContextPropagationAutoConfiguration.class, WebObservabilityAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("ch.qos.logback", "net.logstash.logback"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ServiceIdentity.class)
				.hasBean("fetchboxRequestIdFilter"));
	}

	@Test
	void userBeanWins() {
		this.runner.withBean(ServiceIdentity.class, () -> new ServiceIdentity("mine", null, null))
			.run((context) -> assertThat(context.getBean(ServiceIdentity.class).service()).isEqualTo("mine"));
	}

	@Test
	void validMetricsAddr() {
		this.runner.withPropertyValues("fetchbox.telemetry.metrics-addr=0.0.0.0:9090")
			.run((context) -> assertThat(context.getBean(FetchboxTelemetryProperties.class).getMetricsAddr())
				.isEqualTo("0.0.0.0:9090"));
	}

	@Test
	void invalidMetricsAddrFailsNamingProperty() {
		assertFailsNaming("fetchbox.telemetry.metrics-addr=localhost", "fetchbox.telemetry.metrics-addr");
		assertFailsNaming("fetchbox.telemetry.metrics-addr=host:99999", "fetchbox.telemetry.metrics-addr");
	}

	@Test
	void invalidValuesFailNamingProperty() {
		assertFailsNaming("fetchbox.telemetry.otlp.sampling-probability=1.5",
				"fetchbox.telemetry.otlp.sampling-probability");
		assertFailsNaming("fetchbox.telemetry.otlp.endpoint=localhost:4318", "fetchbox.telemetry.otlp.endpoint");
		assertFailsNaming("fetchbox.telemetry.otlp.protocol=http/json", "fetchbox.telemetry.otlp.protocol");
		assertFailsNaming("fetchbox.telemetry.otlp.timeout=-1s", "fetchbox.telemetry.otlp.timeout");
		assertFailsNaming("fetchbox.telemetry.logging.format=xml", "fetchbox.telemetry.logging.format");
		assertFailsNaming("fetchbox.telemetry.logging.max-message-size=0",
				"fetchbox.telemetry.logging.max-message-size");
		assertFailsNaming("fetchbox.telemetry.request-id.header=X Request", "fetchbox.telemetry.request-id.header");
	}

	static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			messages.append(ex.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private void assertFailsNaming(String property, String name) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(name);
		});
	}

}
