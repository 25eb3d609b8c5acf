package io.fetchbox.observability.autoconfigure.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;

import io.fetchbox.observability.metrics.FetchboxPrometheusScrapeEndpoint;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Prometheus scrape endpoint
 * with FetchBox's contract names ({@link FetchboxPrometheusScrapeEndpoint}); runs before
 * Boot's, which then backs off. A user-defined {@link PrometheusScrapeEndpoint} wins.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MetricsAutoConfiguration.class, before = PrometheusMetricsExportAutoConfiguration.class)
@ConditionalOnClass({ PrometheusMeterRegistry.class, PrometheusScrapeEndpoint.class,
		ConditionalOnAvailableEndpoint.class })
@ConditionalOnEnabledMetricsExport("prometheus")
@ConditionalOnAvailableEndpoint(PrometheusScrapeEndpoint.class)
public final class FetchboxPrometheusEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(PrometheusScrapeEndpoint.class)
	FetchboxPrometheusScrapeEndpoint prometheusEndpoint(PrometheusRegistry prometheusRegistry,
			PrometheusConfig prometheusConfig) {
		return new FetchboxPrometheusScrapeEndpoint(prometheusRegistry, prometheusConfig.prometheusProperties());
	}

}
