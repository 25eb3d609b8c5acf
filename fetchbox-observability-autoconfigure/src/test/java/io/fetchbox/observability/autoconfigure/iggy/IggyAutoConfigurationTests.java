package io.fetchbox.observability.autoconfigure.iggy;

import java.time.Duration;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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

}
