package io.fetchbox.observability.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.fetchbox.observability.autoconfigure.FetchboxTelemetryAutoConfiguration;
import io.fetchbox.observability.web.AccessLogFilter;
import io.fetchbox.observability.web.ProblemDetailsErrorController;
import io.fetchbox.observability.web.ProblemDetailsHandler;
import io.fetchbox.observability.web.RequestIdFilter;

import static org.assertj.core.api.Assertions.assertThat;

class WebObservabilityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class,
				WebObservabilityAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@Test
	void defaultsRegisterFiltersAndProblemHandler() {
		this.runner.run((context) -> {
			FilterRegistrationBean<?> requestId = context.getBean("fetchboxRequestIdFilter",
					FilterRegistrationBean.class);
			assertThat(requestId.getFilter()).isInstanceOf(RequestIdFilter.class);
			assertThat(requestId.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			FilterRegistrationBean<?> accessLog = context.getBean("fetchboxAccessLogFilter",
					FilterRegistrationBean.class);
			assertThat(accessLog.getFilter()).isInstanceOf(AccessLogFilter.class);
			assertThat(accessLog.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 2);
			assertThat(context).hasSingleBean(ProblemDetailsHandler.class);
			assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class);
			assertThat(context.findAnnotationOnBean("fetchboxProblemDetailsHandler", ControllerAdvice.class))
				.isNotNull();
			assertThat(context).hasSingleBean(ErrorController.class);
			assertThat(context.getBean(ErrorController.class)).isInstanceOf(ProblemDetailsErrorController.class);
		});
	}

	@Test
	void bootsErrorControllerBacksOffToOurs() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(DispatcherServletAutoConfiguration.class, ErrorMvcAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(ErrorController.class))
				.isInstanceOf(ProblemDetailsErrorController.class));
	}

	@Test
	void userErrorControllerWins() {
		this.runner.withBean("myErrorController", ErrorController.class, () -> new ErrorController() {
		}).run((context) -> assertThat(context).doesNotHaveBean(ProblemDetailsErrorController.class));
	}

	@Test
	void bootProblemDetailsBacksOffToOurs() {
		this.runner.withPropertyValues("spring.mvc.problemdetails.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
				.hasSingleBean(ProblemDetailsHandler.class));
	}

	@Test
	void accessLogCanBeTurnedOff() {
		this.runner.withPropertyValues("fetchbox.telemetry.logging.access-log.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("fetchboxAccessLogFilter")
				.hasBean("fetchboxRequestIdFilter"));
	}

	@Test
	void problemDetailsCanBeTurnedOff() {
		this.runner.withPropertyValues("fetchbox.telemetry.problem-details.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemDetailsHandler.class));
	}

	@Test
	void userBeansWin() {
		this.runner
			.withBean("fetchboxRequestIdFilter", FilterRegistrationBean.class,
					() -> new FilterRegistrationBean<>(new RequestIdFilter("X-Correlation-ID")))
			.withBean(MyExceptionHandler.class, MyExceptionHandler::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ProblemDetailsHandler.class);
				assertThat(context).hasSingleBean(MyExceptionHandler.class);
				assertThat(context.getBean("fetchboxRequestIdFilter", FilterRegistrationBean.class).getOrder())
					.isEqualTo(Ordered.LOWEST_PRECEDENCE);
			});
	}

	@Test
	void requestIdHeaderIsConfigurable() {
		this.runner.withPropertyValues("fetchbox.telemetry.request-id.header=X-Correlation-ID")
			.run((context) -> assertThat(context).hasBean("fetchboxRequestIdFilter"));
	}

	@Test
	void invalidHeaderFailsStartup() {
		this.runner.withPropertyValues("fetchbox.telemetry.request-id.header=bad header")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void backsOffWithoutSpringMvc() {
		this.runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean("fetchboxRequestIdFilter")
				.doesNotHaveBean(ProblemDetailsHandler.class));
	}

	@Test
	void backsOffOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FetchboxTelemetryAutoConfiguration.class,
					WebObservabilityAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("fetchboxRequestIdFilter"));
	}

	static class MyExceptionHandler extends ResponseEntityExceptionHandler {

	}

}
