package io.fetchbox.observability.autoconfigure.operator;

import java.util.Optional;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.SecurityFilterChain;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.operator.EncodedPasswordMatcher;
import io.fetchbox.observability.operator.JobLogStreamController;
import io.fetchbox.observability.operator.JobTenantResolver;
import io.fetchbox.observability.operator.LogTenantResolver;
import io.fetchbox.observability.operator.OperatorAuthenticationFilter;
import io.fetchbox.observability.operator.SpringSecurityOperatorContext;
import io.fetchbox.observability.tail.JobTailer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperatorLogStreamAutoConfiguration}.
 */
class OperatorLogStreamAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperatorLogStreamAutoConfiguration.class, IggyAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
		// A closed port: the clients connect in the background and never block startup.
		.withPropertyValues("fetchbox.telemetry.iggy.address=127.0.0.1:1",
				"fetchbox.telemetry.operator.credentials[0].username=ops",
				"fetchbox.telemetry.operator.credentials[0].password=secret");

	@Test
	void offByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(JobLogStreamController.class);
			assertThat(context).doesNotHaveBean("operatorAuthenticationFilter");
			assertThat(context).doesNotHaveBean(JobTailer.class);
		});
	}

	@Test
	void enabledServesTheEndpointBehindAFilterThatLeavesSpringSecurityAlone() {
		this.runner.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JobLogStreamController.class);
			assertThat(context).hasSingleBean(JobTailer.class);
			assertThat(context.getBean(JobTenantResolver.class)).isInstanceOf(LogTenantResolver.class);
			FilterRegistrationBean<?> filter = context.getBean("operatorAuthenticationFilter",
					FilterRegistrationBean.class);
			assertThat(filter.getFilter()).isInstanceOf(OperatorAuthenticationFilter.class);
			assertThat(filter.getUrlPatterns()).containsExactly("/operator/*");
			assertThat(context).hasSingleBean(SpringSecurityOperatorContext.class);
			assertThat(context).hasSingleBean(EncodedPasswordMatcher.class);
			// No chain of ours: Boot's default "secure everything" chain stays.
			assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsOnlyKeys("defaultSecurityFilterChain");
		});
		this.runner.run((context) -> assertThat(context.getBeansOfType(SecurityFilterChain.class))
			.containsOnlyKeys("defaultSecurityFilterChain"));
	}

	@Test
	void streamsAreRefusedWhileTheContextIsStoppedAndAcceptedOnceItIsStartedAgain() {
		this.runner.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true").run((context) -> {
			JobLogStreamController controller = context.getBean(JobLogStreamController.class);
			assertThat(controller.acceptsStreams()).isTrue();
			context.stop();
			assertThat(controller.acceptsStreams()).isFalse();
			context.start();
			assertThat(controller.acceptsStreams()).isTrue();
			context.close();
			assertThat(controller.acceptsStreams()).isFalse();
		});
	}

	@Test
	void userTenantResolverWins() {
		JobTenantResolver ledger = (jobId) -> Optional.of("acme");
		this.runner.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true")
			.withBean(JobTenantResolver.class, () -> ledger)
			.run((context) -> assertThat(context.getBean(JobTenantResolver.class)).isSameAs(ledger));
	}

	@Test
	void withoutSpringSecurityTheFilterStillGuardsTheEndpoint() {
		this.runner.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("operatorAuthenticationFilter");
				assertThat(context).doesNotHaveBean(SpringSecurityOperatorContext.class);
				assertThat(context).doesNotHaveBean(EncodedPasswordMatcher.class);
			});
	}

	@Test
	void anEncodedPasswordWithoutSpringSecurityCryptoFailsStartupSayingWhatToAdd() {
		this.runner
			.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true",
					"fetchbox.telemetry.operator.credentials[0].password={bcrypt}$2a$10$abcdefghijklmnopqrstuv")
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EncodedPasswordsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.contains("'fetchbox.telemetry.operator.credentials[0].password' is encoded");
				assertThat(analysis.getAction()).contains("org.springframework.security:spring-security-crypto");
			});
	}

	@Test
	void backsOffWithoutTheIggySdkOrOutsideAServletApplication() {
		this.runner.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true")
			.withClassLoader(new FilteredClassLoader(AsyncIggyTcpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JobLogStreamController.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OperatorLogStreamAutoConfiguration.class))
			.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(JobLogStreamController.class));
	}

	@Test
	void invalidValuesFailStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true",
					"fetchbox.telemetry.operator.log-stream.max-streams=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'fetchbox.telemetry.operator.log-stream.max-streams' must be at least 1"));
		this.runner
			.withPropertyValues("fetchbox.telemetry.operator.log-stream.enabled=true",
					"fetchbox.telemetry.operator.credentials[1].username=nosecret")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'fetchbox.telemetry.operator.credentials[1].password' or "
						+ "'fetchbox.telemetry.operator.credentials[1].token' must be set"));
	}

}
