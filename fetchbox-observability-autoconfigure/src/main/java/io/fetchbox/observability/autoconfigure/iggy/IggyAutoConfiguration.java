package io.fetchbox.observability.autoconfigure.iggy;

import java.util.List;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.fetchbox.observability.iggy.IggyClientSettings;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the supervised Iggy client. The
 * client connects in the background once the application has started
 * ({@link IggyClientStartup}): a broker that is down never stops the application from
 * starting, and connecting (the Iggy SDK and Netty) stays off the start-up path. It
 * connects to what an {@link IggyConnectionDetails} bean names, by default the
 * {@code fetchbox.telemetry.iggy.*} connection properties.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(AsyncIggyTcpClient.class)
@EnableConfigurationProperties(IggyProperties.class)
public final class IggyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(IggyConnectionDetails.class)
	PropertiesIggyConnectionDetails iggyConnectionDetails(IggyProperties properties) {
		return new PropertiesIggyConnectionDetails(properties);
	}

	/**
	 * The client settings: where to connect and how to log in from the connection details
	 * (the properties, unless a bean such as a test's service connection replaces them),
	 * everything else from the properties.
	 */
	@Bean
	@ConditionalOnMissingBean
	IggyClientSettings iggyClientSettings(IggyProperties properties, IggyConnectionDetails connectionDetails) {
		return properties.toClientSettings()
			.toBuilder()
			.host(connectionDetails.getHost())
			.port(connectionDetails.getPort())
			.credentials(connectionDetails.getUsername(), connectionDetails.getPassword())
			.personalAccessToken(connectionDetails.getPersonalAccessToken())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	IggyTopology iggyTopology(IggyProperties properties) {
		return properties.toTopology();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SupervisedIggyClient supervisedIggyClient(IggyClientSettings settings, IggyTopology topology,
			IggyProperties properties) {
		return new SupervisedIggyClient("main", settings, properties.isProvision() ? topology : null, List.of());
	}

	@Bean
	@ConditionalOnMissingBean
	IggyClientStartup iggyClientStartup(SupervisedIggyClient supervisedIggyClient,
			ObjectProvider<ApplicationArguments> applicationArguments) {
		// SpringApplication registers its arguments, and publishes
		// ApplicationStartedEvent.
		return new IggyClientStartup(supervisedIggyClient, applicationArguments.getIfAvailable() != null);
	}

}
