package io.fetchbox.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import io.fetchbox.observability.autoconfigure.FetchboxTelemetryAutoConfiguration;
import io.fetchbox.observability.autoconfigure.ServiceIdentityDefaults;
import io.fetchbox.observability.autoconfigure.health.ActuatorDefaultsEnvironmentPostProcessor;
import io.fetchbox.observability.metrics.ApiMetrics;
import io.fetchbox.observability.metrics.ApiRequestMetrics;
import io.fetchbox.observability.metrics.LedgerMetrics;
import io.fetchbox.observability.metrics.QueueMetrics;
import io.fetchbox.observability.metrics.WorkerMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FetchboxMetricsAutoConfiguration} and the Actuator defaults.
 */
class FetchboxMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class, FetchboxMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withInitializer(new ServiceIdentityDefaults())
		.withPropertyValues("spring.application.name=orders");

	@Test
	void typedMetricsBeansAndServiceTagByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ApiMetrics.class)
				.hasSingleBean(WorkerMetrics.class)
				.hasSingleBean(LedgerMetrics.class)
				.hasSingleBean(QueueMetrics.class)
				.hasSingleBean(ApiRequestMetrics.class)
				.hasBean("fetchboxServiceTagCustomizer");
			MeterRegistry registry = new SimpleMeterRegistry();
			@SuppressWarnings("unchecked")
			MeterRegistryCustomizer<MeterRegistry> customizer = context.getBean("fetchboxServiceTagCustomizer",
					MeterRegistryCustomizer.class);
			customizer.customize(registry);
			LedgerMetrics ledger = context.getBean(LedgerMetrics.class);
			ledger.bindTo(registry);
			ledger.jobCreated();
			assertThat(registry.get("fetchbox.ledger.jobs.created").tag("service", "orders").functionCounter())
				.isNotNull();
		});
	}

	@Test
	void serviceNamePropertyWins() {
		this.runner.withPropertyValues("fetchbox.telemetry.service-name=billing").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			@SuppressWarnings("unchecked")
			MeterRegistryCustomizer<MeterRegistry> customizer = context.getBean("fetchboxServiceTagCustomizer",
					MeterRegistryCustomizer.class);
			customizer.customize(registry);
			registry.counter("x");
			assertThat(registry.get("x").tag("service", "billing").counter()).isNotNull();
		});
	}

	@Test
	void userBeanWins() {
		WorkerMetrics own = new WorkerMetrics();
		this.runner.withBean(WorkerMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(WorkerMetrics.class)).isSameAs(own));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerMetrics.class));
	}

	@Test
	void backsOffWithoutRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class,
					FetchboxMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ApiMetrics.class));
	}

	@Test
	void actuatorDefaultsAreLowestPrecedence() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("management.endpoints.web.exposure.include", "*");
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("*");
		StandardEnvironment defaults = new StandardEnvironment();
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(defaults, new SpringApplication());
		assertThat(defaults.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
		assertThat(defaults.getProperty("management.endpoint.health.show-details")).isEqualTo("when-authorized");
		assertThat(defaults.getProperty("management.endpoint.health.group.readiness.show-components"))
			.isEqualTo("always");
		assertThat(defaults.getProperty("management.server.port")).isNull();
	}

	@Test
	void exemplarsOnlyOnBucketsAndCountersUnlessOptedIn() {
		ApplicationContextRunner prometheus = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class))
			.withInitializer((context) -> new ActuatorDefaultsEnvironmentPostProcessor()
				.postProcessEnvironment(context.getEnvironment(), new SpringApplication()));
		String key = "io.prometheus.exporter.exemplarsOnAllMetricTypes";
		prometheus.run((context) -> assertThat(context.getBean(PrometheusConfig.class).prometheusProperties())
			.containsEntry(key, "false"));
		prometheus.withPropertyValues(ActuatorDefaultsEnvironmentPostProcessor.EXEMPLARS_ON_ALL_METRIC_TYPES + "=true")
			.run((context) -> assertThat(context.getBean(PrometheusConfig.class).prometheusProperties())
				.containsEntry(key, "true"));
		prometheus.withPropertyValues("management.prometheus.metrics.export.properties[" + key + "]=true")
			.run((context) -> assertThat(context.getBean(PrometheusConfig.class).prometheusProperties())
				.containsEntry(key, "true"));
	}

	@Test
	void theDebugEndpointIsExposedOnlyWhenActuatorHasItsOwnPort() {
		for (String[] ownPort : new String[][] { { "fetchbox.telemetry.metrics-addr", "127.0.0.1:9464" },
				{ "management.server.port", "9464" } }) {
			MockEnvironment environment = new MockEnvironment().withProperty(ownPort[0], ownPort[1]);
			new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,prometheus,info,fetchbox");
		}
		MockEnvironment samePort = new MockEnvironment().withProperty("server.port", "9464")
			.withProperty("management.server.port", "9464");
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(samePort, new SpringApplication());
		assertThat(samePort.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
	}

	@Test
	void anExplicitShowComponentsIsLeftAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.endpoint.health.show-components",
				"never");
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.show-components")).isNull();
	}

	@Test
	void metricsAddrMovesActuatorToItsOwnPort() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("fetchbox.telemetry.metrics-addr", "0.0.0.0:9464");
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.server.port")).isEqualTo("9464");
		assertThat(environment.getProperty("management.server.address")).isEqualTo("0.0.0.0");

		MockEnvironment explicit = new MockEnvironment();
		explicit.setProperty("fetchbox.telemetry.metrics-addr", "0.0.0.0:9464");
		explicit.setProperty("management.server.port", "9999");
		new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
		assertThat(explicit.getProperty("management.server.port")).isEqualTo("9999");
	}

	@Test
	void invalidMetricsAddrFailsNamingTheProperty() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("fetchbox.telemetry.metrics-addr", "9464");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ActuatorDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment,
					new SpringApplication()))
			.withMessageContaining("fetchbox.telemetry.metrics-addr");
	}

}
