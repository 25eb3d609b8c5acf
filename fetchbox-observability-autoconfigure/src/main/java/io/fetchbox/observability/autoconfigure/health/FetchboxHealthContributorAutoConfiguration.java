package io.fetchbox.observability.autoconfigure.health;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

import io.fetchbox.observability.autoconfigure.health.ActuatorDefaultsEnvironmentPostProcessor;
import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.health.BudgetedHealthIndicator;
import io.fetchbox.observability.health.IggyHealthProbe;
import io.fetchbox.observability.health.LedgerHealthProbe;
import io.fetchbox.observability.health.ParallelHealthProbes;
import io.fetchbox.observability.health.StorageHealthProbe;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.metrics.ServiceReadyMetrics;
import io.fetchbox.observability.web.PathForwardingFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the FetchBox health indicators
 * ({@code iggy}, {@code storage}, {@code ledger}: parallel, time-budgeted), their
 * membership of the readiness group, {@code /health/live} and {@code /health/ready} on
 * the main port, and the {@code service_ready} gauge.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { FetchboxHealthProbesAutoConfiguration.class, IggyAutoConfiguration.class })
@ConditionalOnClass({ HealthEndpoint.class, ConditionalOnEnabledHealthIndicator.class })
@EnableConfigurationProperties(FetchboxHealthProperties.class)
public final class FetchboxHealthContributorAutoConfiguration {

	/** Main-port path of the liveness probe. */
	public static final String LIVE_PATH = "/health/live";

	/** Main-port path of the readiness probe. */
	public static final String READY_PATH = "/health/ready";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ParallelHealthProbes fetchboxHealthProbes(FetchboxHealthProperties properties) {
		return new ParallelHealthProbes(properties.getTimeout());
	}

	@Bean
	static HealthEndpointGroupsPostProcessor fetchboxReadinessMembers(Environment environment) {
		boolean defaultMembers = ActuatorDefaultsEnvironmentPostProcessor.DEFAULT_READINESS_INCLUDE
			.equals(environment.getProperty(ActuatorDefaultsEnvironmentPostProcessor.READINESS_INCLUDE));
		return new ReadinessMembersPostProcessor(defaultMembers ? Set.of("iggy", "storage", "ledger") : Set.of());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AsyncIggyTcpClient.class)
	@ConditionalOnBean(SupervisedIggyClient.class)
	@ConditionalOnEnabledHealthIndicator("iggy")
	static class IggyHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "iggyHealthIndicator", "iggyHealthContributor" })
		BudgetedHealthIndicator iggyHealthIndicator(SupervisedIggyClient client, ObjectProvider<IggyTopology> topology,
				ParallelHealthProbes probes) {
			String stream = topology.getIfAvailable(() -> IggyTopology.DEFAULT).stream();
			return new BudgetedHealthIndicator("iggy", new IggyHealthProbe(client, stream), probes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(StorageHealthProbe.class)
	@ConditionalOnEnabledHealthIndicator("storage")
	static class StorageHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "storageHealthIndicator", "storageHealthContributor" })
		BudgetedHealthIndicator storageHealthIndicator(StorageHealthProbe probe, ParallelHealthProbes probes) {
			return new BudgetedHealthIndicator("storage", probe, probes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LedgerHealthProbe.class)
	@ConditionalOnEnabledHealthIndicator("ledger")
	static class LedgerHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "ledgerHealthIndicator", "ledgerHealthContributor" })
		BudgetedHealthIndicator ledgerHealthIndicator(LedgerHealthProbe probe, ParallelHealthProbes probes) {
			return new BudgetedHealthIndicator("ledger", probe, probes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ DispatcherServlet.class, FilterRegistrationBean.class })
	static class ProbePathsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "fetchboxHealthPathsFilter")
		FilterRegistrationBean<PathForwardingFilter> fetchboxHealthPathsFilter() {
			PathForwardingFilter filter = new PathForwardingFilter(
					() -> Map.of(LIVE_PATH, ActuatorDefaultsEnvironmentPostProcessor.LIVENESS_PATH, READY_PATH,
							ActuatorDefaultsEnvironmentPostProcessor.READINESS_PATH));
			FilterRegistrationBean<PathForwardingFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setUrlPatterns(PathForwardingFilter.urlPatterns(LIVE_PATH, READY_PATH));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class ServiceReadyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServiceReadyMetrics fetchboxServiceReadyMetrics(ObjectProvider<HealthEndpoint> healthEndpoint,
				ObjectProvider<ApplicationAvailability> availability) {
			return new ServiceReadyMetrics(() -> {
				HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
				if (endpoint != null) {
					HealthDescriptor readiness = endpoint.healthForPath(ReadinessMembersPostProcessor.READINESS);
					if (readiness != null) {
						return Status.UP.equals(readiness.getStatus());
					}
				}
				ApplicationAvailability state = availability.getIfAvailable();
				return state != null && state.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
			});
		}

	}

}
