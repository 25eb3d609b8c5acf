package io.fetchbox.observability.autoconfigure.actuate;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.actuate.FetchboxEndpoint;
import io.fetchbox.observability.actuate.FetchboxEndpointSection;
import io.fetchbox.observability.actuate.IggyConnectionSection;
import io.fetchbox.observability.actuate.JobLogEmitterSection;
import io.fetchbox.observability.actuate.TelemetrySettingsSection;
import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.autoconfigure.joblog.JobLogAutoConfiguration;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.JobLogPipeline;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code fetchbox} actuator
 * endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { IggyAutoConfiguration.class, JobLogAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(FetchboxEndpoint.class)
public final class FetchboxEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FetchboxEndpoint fetchboxEndpoint(ObjectProvider<FetchboxEndpointSection> sections) {
		return new FetchboxEndpoint(sections.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetrySettingsSection fetchboxSettingsSection(ApplicationContext context) {
		return new TelemetrySettingsSection(context);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AsyncIggyTcpClient.class)
	static class IggySectionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(SupervisedIggyClient.class)
		IggyConnectionSection fetchboxIggySection(SupervisedIggyClient client) {
			return new IggyConnectionSection(client);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(JobLogPipeline.class)
		JobLogEmitterSection fetchboxEmitterSection(JobLogPipeline pipeline) {
			return new JobLogEmitterSection(pipeline);
		}

	}

}
