package io.fetchbox.observability.autoconfigure.metrics;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

import io.fetchbox.observability.web.PathForwardingFilter;

/**
 * Serves the Prometheus scrape at {@code /metrics} (PRODUCT.md section 6) on whichever
 * port hosts Actuator: the main port by default, the
 * {@code fetchbox.telemetry.metrics-addr} port when set. {@code /actuator/prometheus}
 * keeps working. Loaded by Actuator into the management context (main or child).
 *
 * @since 0.1.0
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, FilterRegistrationBean.class, PathMappedEndpoints.class })
public class PrometheusPathManagementContextConfiguration {

	/** Path of the Prometheus scrape. */
	public static final String METRICS_PATH = "/metrics";

	@Bean
	@ConditionalOnMissingBean(name = "fetchboxMetricsPathFilter")
	FilterRegistrationBean<PathForwardingFilter> fetchboxMetricsPathFilter(
			ObjectProvider<PathMappedEndpoints> endpoints) {
		PathForwardingFilter filter = new PathForwardingFilter(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String target = (mapped != null) ? mapped.getPath(EndpointId.of("prometheus")) : null;
			return (target != null && !target.equals(METRICS_PATH)) ? Map.of(METRICS_PATH, target) : Map.of();
		});
		FilterRegistrationBean<PathForwardingFilter> registration = new FilterRegistrationBean<>(filter);
		// After the request id and observation filters, so the scrape is a normal
		// request.
		registration.setUrlPatterns(PathForwardingFilter.urlPatterns(METRICS_PATH));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
