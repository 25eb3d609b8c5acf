package io.fetchbox.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

import io.fetchbox.observability.ServiceIdentity;
import io.fetchbox.observability.autoconfigure.FetchboxTelemetryAutoConfiguration;
import io.fetchbox.observability.metrics.ApiMetrics;
import io.fetchbox.observability.metrics.ApiRequestMetrics;
import io.fetchbox.observability.metrics.ApiRequestMetricsFilter;
import io.fetchbox.observability.metrics.LedgerMetrics;
import io.fetchbox.observability.metrics.QueueMetrics;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the FetchBox meter catalog: the
 * typed metrics beans, the {@code service} common tag, the per-request counter, and which
 * meter families the service exports ({@code fetchbox.telemetry.metrics.families.*}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		FetchboxTelemetryAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MeterRegistryCustomizer.class })
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(FetchboxMetricsProperties.class)
public final class FetchboxMetricsAutoConfiguration {

	/**
	 * Order of the request counting filter: inside the server observation and the access
	 * log, so the route template is known when it records.
	 */
	public static final int API_REQUEST_METRICS_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	@Bean
	@ConditionalOnMissingBean(name = "fetchboxServiceTagCustomizer")
	MeterRegistryCustomizer<MeterRegistry> fetchboxServiceTagCustomizer(ServiceIdentity identity) {
		return (registry) -> registry.config().commonTags("service", identity.service());
	}

	@Bean
	@ConditionalOnMissingBean
	ApiMetrics fetchboxApiMetrics() {
		return new ApiMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerMetrics fetchboxWorkerMetrics() {
		return new WorkerMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	LedgerMetrics fetchboxLedgerMetrics() {
		return new LedgerMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	QueueMetrics fetchboxQueueMetrics() {
		return new QueueMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	ApiRequestMetrics fetchboxApiRequestMetrics() {
		return new ApiRequestMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	MeterFamiliesInitializer fetchboxMeterFamiliesInitializer(ConfigurableListableBeanFactory beanFactory,
			FetchboxMetricsProperties properties) {
		return new MeterFamiliesInitializer(beanFactory, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ DispatcherServlet.class, FilterRegistrationBean.class })
	static class ApiRequestFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "fetchboxApiRequestMetricsFilter")
		FilterRegistrationBean<ApiRequestMetricsFilter> fetchboxApiRequestMetricsFilter(ApiRequestMetrics metrics) {
			FilterRegistrationBean<ApiRequestMetricsFilter> registration = new FilterRegistrationBean<>(
					new ApiRequestMetricsFilter(metrics));
			registration.setOrder(API_REQUEST_METRICS_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

	}

}
