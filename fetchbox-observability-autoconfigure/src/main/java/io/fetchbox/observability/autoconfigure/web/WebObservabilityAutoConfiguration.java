package io.fetchbox.observability.autoconfigure.web;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.fetchbox.observability.autoconfigure.FetchboxTelemetryAutoConfiguration;
import io.fetchbox.observability.web.AccessLogFilter;
import io.fetchbox.observability.web.ProblemDetailsErrorController;
import io.fetchbox.observability.web.ProblemDetailsHandler;
import io.fetchbox.observability.web.RequestIdFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for servlet web applications: the
 * request id filter (outermost, so every line of a request carries {@code request_id}),
 * the access log filter (just inside the server observation, so its line carries the
 * trace id) and problem responses with correlation members, both from Spring MVC's
 * exception handling and from the container's error page.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = FetchboxTelemetryAutoConfiguration.class,
		before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, FilterRegistrationBean.class })
public final class WebObservabilityAutoConfiguration {

	/**
	 * Order of the request id filter: before Boot's server observation filter
	 * ({@code HIGHEST_PRECEDENCE + 1}).
	 */
	public static final int REQUEST_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * Order of the access log filter: inside the server observation's scope.
	 */
	public static final int ACCESS_LOG_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	@ConditionalOnMissingBean(name = "fetchboxRequestIdFilter")
	FilterRegistrationBean<RequestIdFilter> fetchboxRequestIdFilter(RequestIdProperties properties) {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
				new RequestIdFilter(properties.getHeader()));
		registration.setOrder(REQUEST_ID_FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "fetchboxAccessLogFilter")
	@ConditionalOnBooleanProperty(name = "fetchbox.telemetry.logging.access-log.enabled", matchIfMissing = true)
	FilterRegistrationBean<AccessLogFilter> fetchboxAccessLogFilter(AccessLogProperties properties) {
		FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(
				new AccessLogFilter(properties.getExcludePaths()));
		registration.setOrder(ACCESS_LOG_FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ProblemDetailsProperties.PREFIX + ".enabled", matchIfMissing = true)
	@EnableConfigurationProperties(WebProperties.class)
	static class ProblemDetailsConfiguration {

		@Bean
		@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
		ProblemDetailsHandler fetchboxProblemDetailsHandler() {
			return new ProblemDetailsHandler();
		}

		@Bean
		@ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
		ProblemDetailsErrorController fetchboxProblemDetailsErrorController(
				ObjectProvider<ErrorAttributes> errorAttributes, WebProperties webProperties,
				ObjectProvider<ErrorViewResolver> errorViewResolvers) {
			// Boot's ErrorMvcAutoConfiguration defines ErrorAttributes unless it is
			// excluded.
			return new ProblemDetailsErrorController(errorAttributes.getIfAvailable(DefaultErrorAttributes::new),
					webProperties.getError(), errorViewResolvers.orderedStream().toList());
		}

	}

}
