package io.fetchbox.observability.autoconfigure.operator;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.operator.EncodedPasswordMatcher;
import io.fetchbox.observability.operator.JobLogStreamController;
import io.fetchbox.observability.operator.JobTenantResolver;
import io.fetchbox.observability.operator.LogStreamSettings;
import io.fetchbox.observability.operator.LogTenantResolver;
import io.fetchbox.observability.operator.OperatorAuthenticationFilter;
import io.fetchbox.observability.operator.OperatorAuthenticationListener;
import io.fetchbox.observability.operator.OperatorAuthenticator;
import io.fetchbox.observability.operator.SpringSecurityOperatorContext;
import io.fetchbox.observability.operator.SpringSecurityPasswordMatcher;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.TailSettings;
import io.fetchbox.observability.tail.iggy.IggyTopicReader;
import io.fetchbox.observability.web.FilterErrorResponses;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the operator SSE endpoint
 * {@code GET /operator/jobs/{jobId}/logs}, off unless
 * {@code fetchbox.telemetry.operator.log-stream.enabled=true}. Requests to
 * {@code /operator/**} must carry operator credentials, checked by a servlet filter
 * mapped to those paths only: it needs no Spring Security and contributes no
 * {@code SecurityFilterChain}, so enabling the endpoint leaves the application's own
 * security exactly as it was (with Spring Security and no chain of its own, Spring Boot's
 * default chain still protects every other path). With Spring Security, an authenticated
 * operator is visible to the application's chain for that request, which may apply its
 * own rules to it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IggyAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SseEmitter.class, AsyncIggyTcpClient.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty("fetchbox.telemetry.operator.log-stream.enabled")
@EnableConfigurationProperties(OperatorProperties.class)
public final class OperatorLogStreamAutoConfiguration {

	/**
	 * Order of the operator authentication filter: inside the request id and server
	 * observation filters (so a 401 carries both ids), ahead of Spring Security's filter
	 * ({@code spring.security.filter.order}, -100 by default).
	 */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	/**
	 * Phase of the lifecycle that ends open streams on shutdown: stopped before the web
	 * server's graceful shutdown ({@code SmartLifecycle.DEFAULT_PHASE - 1024}) waits for
	 * in-flight requests.
	 */
	public static final int SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(OperatorLogStreamAutoConfiguration.class);

	/**
	 * All streams share one tailer reading through one dedicated connection, so the
	 * streams never compete with the log appender for the main client's connections; a
	 * stream holds neither a client nor a thread of its own.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	JobTailer operatorJobTailer(SupervisedIggyClient supervisedIggyClient, IggyTopology topology,
			OperatorProperties properties) {
		Duration pollInterval = properties.getLogStream().getPollInterval();
		TailSettings settings = new TailSettings(200, Duration.ofMillis(Math.min(50, pollInterval.toMillis())),
				pollInterval, 4);
		SupervisedIggyClient reader = supervisedIggyClient.dedicated("operator-tail");
		return new JobTailer(new IggyTopicReader(reader::call, topology.stream()), settings, reader);
	}

	@Bean
	@ConditionalOnMissingBean
	JobLogTail operatorJobLogTail(JobTailer operatorJobTailer, ObjectProvider<IggyTopology> topology) {
		IggyTopology names = topology.getIfAvailable(() -> IggyTopology.DEFAULT);
		return new JobLogTail(operatorJobTailer, names.logs().name());
	}

	@Bean
	@ConditionalOnMissingBean
	JobTenantResolver jobTenantResolver(JobLogTail operatorJobLogTail, OperatorProperties properties) {
		return new LogTenantResolver(operatorJobLogTail, properties.getLogStream().getTenantLookupTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	JobLogStreamController jobLogStreamController(JobLogTail operatorJobLogTail, JobTenantResolver jobTenantResolver,
			OperatorProperties properties) {
		OperatorProperties.LogStream logStream = properties.getLogStream();
		return new JobLogStreamController(operatorJobLogTail, jobTenantResolver, new LogStreamSettings(
				logStream.getMaxStreams(), logStream.getHeartbeatInterval(), logStream.getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	OperatorAuthenticator operatorAuthenticator(OperatorProperties properties,
			ObjectProvider<EncodedPasswordMatcher> encodedPasswords) {
		OperatorAuthenticator authenticator = new OperatorAuthenticator(properties.operatorCredentials(),
				encodedPasswords.getIfAvailable());
		if (properties.getCredentials().isEmpty()) {
			logger.warn("No 'fetchbox.telemetry.operator.credentials' configured: every request to "
					+ "/operator/** is refused with 401");
		}
		return authenticator;
	}

	@Bean
	@ConditionalOnMissingBean(name = "operatorAuthenticationFilter")
	FilterRegistrationBean<OperatorAuthenticationFilter> operatorAuthenticationFilter(
			OperatorAuthenticator operatorAuthenticator, ObjectProvider<OperatorAuthenticationListener> listeners,
			@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> exceptionResolver) {
		OperatorAuthenticationFilter filter = new OperatorAuthenticationFilter(operatorAuthenticator,
				listeners.orderedStream().toList(), new FilterErrorResponses(exceptionResolver::getIfAvailable));
		FilterRegistrationBean<OperatorAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(OperatorAuthenticationFilter.URL_PATTERN);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Bean
	LogStreamShutdown operatorLogStreamShutdown(JobLogStreamController jobLogStreamController) {
		return new LogStreamShutdown(jobLogStreamController, SHUTDOWN_PHASE);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PasswordEncoderFactories.class)
	static class EncodedPasswordConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EncodedPasswordMatcher operatorEncodedPasswordMatcher() {
			return new SpringSecurityPasswordMatcher();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestAttributeSecurityContextRepository.class)
	static class SpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringSecurityOperatorContext springSecurityOperatorContext() {
			return new SpringSecurityOperatorContext();
		}

	}

}
