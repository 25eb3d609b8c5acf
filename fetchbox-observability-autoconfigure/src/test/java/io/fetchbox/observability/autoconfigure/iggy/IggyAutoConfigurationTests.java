package io.fetchbox.observability.autoconfigure.iggy;

import java.time.Duration;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.iggy.IggyClientSettings;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IggyAutoConfiguration}.
 */
class IggyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IggyAutoConfiguration.class))
		// nothing listens here: the context must start anyway
		.withPropertyValues("fetchbox.telemetry.iggy.address=127.0.0.1:1");

	@Test
	void defaultsMatchTheWireContract() {
		this.runner.withPropertyValues("fetchbox.telemetry.iggy.address=127.0.0.1:8090").run((context) -> {
			assertThat(context).hasSingleBean(SupervisedIggyClient.class);
			IggyClientSettings settings = context.getBean(IggyClientSettings.class);
			assertThat(settings.address()).isEqualTo("127.0.0.1:8090");
			assertThat(settings.username()).isEqualTo("iggy");
			assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(IggyTopology.class)).isEqualTo(IggyTopology.DEFAULT);
		});
	}

	@Test
	void brokerDownDoesNotStopStartup() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SupervisedIggyClient.class).state().isUp()).isFalse();
		});
	}

	@Test
	void clientStartsWithTheContextWithoutSpringApplication() {
		this.runner.run((context) -> assertThat(context.getBean(SupervisedIggyClient.class).isStarted()).isTrue());
	}

	@Test
	void clientStartsOnceTheApplicationHasStarted() {
		SpringApplication application = new SpringApplication(StartupProbeConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--fetchbox.telemetry.iggy.address=127.0.0.1:1",
				"--spring.main.banner-mode=off")) {
			StartupProbe probe = context.getBean(StartupProbe.class);
			assertThat(probe.clientStartedDuringRefresh).isFalse();
			assertThat(context.getBean(SupervisedIggyClient.class).isStarted()).isTrue();
		}
	}

	@Test
	void customNamesAndPartitions() {
		this.runner
			.withPropertyValues("fetchbox.telemetry.iggy.stream=fb", "fetchbox.telemetry.iggy.topics.logs=logs",
					"fetchbox.telemetry.iggy.partitions.logs=7", "fetchbox.telemetry.iggy.provision=false")
			.run((context) -> {
				IggyTopology topology = context.getBean(IggyTopology.class);
				assertThat(topology.stream()).isEqualTo("fb");
				assertThat(topology.logs()).isEqualTo(new IggyTopology.Topic("logs", 7));
				assertThat(context.getBean(SupervisedIggyClient.class).topology()).isNull();
			});
	}

	@Test
	void invalidAddressFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.iggy.address=no-port").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("fetchbox.telemetry.iggy.address");
		});
	}

	@Test
	void invalidTimeoutFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("fetchbox.telemetry.iggy.request-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("fetchbox.telemetry.iggy.request-timeout");
		});
	}

	@Test
	void connectionPropertiesBecomeTheConnectionDetails() {
		this.runner
			.withPropertyValues("fetchbox.telemetry.iggy.address=iggy.example:9090",
					"fetchbox.telemetry.iggy.personal-access-token=token-1")
			.run((context) -> {
				IggyConnectionDetails details = context.getBean(IggyConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesIggyConnectionDetails.class);
				assertThat(details.getHost()).isEqualTo("iggy.example");
				assertThat(details.getPort()).isEqualTo(9090);
				assertThat(details.getPersonalAccessToken()).isEqualTo("token-1");
				assertThat(context.getBean(IggyClientSettings.class).address()).isEqualTo("iggy.example:9090");
			});
	}

	@Test
	void connectionDetailsBeanWinsOverConnectionPropertiesOnly() {
		IggyConnectionDetails elsewhere = new IggyConnectionDetails() {

			@Override
			public String getHost() {
				return "broker.test";
			}

			@Override
			public int getPort() {
				return 18090;
			}

			@Override
			public String getUsername() {
				return "tester";
			}

			@Override
			public String getPassword() {
				return "secret";
			}

		};
		this.runner.withBean(IggyConnectionDetails.class, () -> elsewhere)
			.withPropertyValues("fetchbox.telemetry.iggy.username=ignored",
					"fetchbox.telemetry.iggy.request-timeout=7s")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesIggyConnectionDetails.class);
				IggyClientSettings settings = context.getBean(IggyClientSettings.class);
				assertThat(settings.address()).isEqualTo("broker.test:18090");
				assertThat(settings.username()).isEqualTo("tester");
				assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void userClientWins() {
		this.runner
			.withBean("myClient", SupervisedIggyClient.class,
					() -> new SupervisedIggyClient("mine", IggyClientSettings.builder().port(1).build()))
			.run((context) -> assertThat(context).getBean(SupervisedIggyClient.class)
				.extracting(SupervisedIggyClient::toString)
				.asString()
				.contains("mine"));
	}

	@Test
	void backsOffWithoutTheIggySdk() {
		this.runner.withClassLoader(new FilteredClassLoader(AsyncIggyTcpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SupervisedIggyClient.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(IggyAutoConfiguration.class)
	static class StartupProbeConfiguration {

		@Bean
		StartupProbe startupProbe(SupervisedIggyClient client) {
			return new StartupProbe(client);
		}

	}

	/** Records whether the client had started when the last lifecycles started. */
	static class StartupProbe implements SmartLifecycle {

		private final SupervisedIggyClient client;

		volatile boolean clientStartedDuringRefresh;

		private volatile boolean running;

		StartupProbe(SupervisedIggyClient client) {
			this.client = client;
		}

		@Override
		public void start() {
			this.clientStartedDuringRefresh = this.client.isStarted();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return IggyClientStartup.PHASE;
		}

	}

}
