package io.fetchbox.observability.autoconfigure.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.fetchbox.observability.actuate.FetchboxEndpoint;
import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.autoconfigure.joblog.JobLogAutoConfiguration;
import io.fetchbox.observability.joblog.JobLogPipelineState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FetchboxEndpointAutoConfiguration} and the endpoint's content.
 */
class FetchboxEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IggyAutoConfiguration.class, JobLogAutoConfiguration.class,
				FetchboxEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=fetchbox",
				"fetchbox.telemetry.iggy.address=127.0.0.1:1", "fetchbox.telemetry.iggy.password=hunter2-secret",
				"fetchbox.telemetry.iggy.personal-access-token=pat-secret-value",
				"fetchbox.telemetry.joblog.shutdown-grace-period=0s");

	@Test
	@SuppressWarnings("unchecked")
	void reportsSettingsEmitterAndIggyWithoutSecrets() {
		this.runner.run((context) -> {
			Map<String, Object> report = context.getBean(FetchboxEndpoint.class).fetchbox();
			assertThat(report).containsKeys("settings", "iggy", "emitter");
			Map<String, Object> settings = (Map<String, Object>) report.get("settings");
			Map<String, Object> iggy = (Map<String, Object>) settings.get("fetchbox.telemetry.iggy");
			assertThat(iggy).containsEntry("address", "127.0.0.1:1")
				.containsEntry("password", "******")
				.containsEntry("personal-access-token", "******")
				.containsEntry("request-timeout", "PT5S")
				.containsEntry("provision", true);
			assertThat((Map<String, Object>) iggy.get("topics")).containsEntry("logs", "jobs.logs");
			Map<String, Object> joblog = (Map<String, Object>) settings.get("fetchbox.telemetry.joblog");
			assertThat(joblog).containsEntry("max-queue-size", 10000).containsEntry("drop-policy", "drop-newest");
			Map<String, Object> connection = (Map<String, Object>) report.get("iggy");
			assertThat(connection).containsEntry("address", "127.0.0.1:1").containsKeys("status", "since");
			assertThat(connection.get("status")).isIn("CONNECTING", "DOWN");
			assertThat(report.get("emitter")).isInstanceOfSatisfying(JobLogPipelineState.class,
					(state) -> assertThat(state.attached()).isTrue());
			assertThat(report.toString()).doesNotContain("hunter2-secret").doesNotContain("pat-secret-value");
		});
	}

	@Test
	void notAvailableWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(FetchboxEndpoint.class));
	}

	@Test
	void worksWithoutIggy() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FetchboxEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=fetchbox")
			.run((context) -> assertThat(context.getBean(FetchboxEndpoint.class).fetchbox())
				.containsOnlyKeys("settings"));
	}

}
