package io.fetchbox.observability.autoconfigure.operator;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.operator.JobLogStreamController;
import io.fetchbox.observability.operator.JobTenantResolver;
import io.fetchbox.observability.operator.LogStreamSettings;
import io.fetchbox.observability.operator.LogTenantResolver;
import io.fetchbox.observability.operator.OperatorAuthenticationManager;
import io.fetchbox.observability.operator.OperatorCredential;
import io.fetchbox.observability.operator.OperatorCredentialsConverter;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.TailSettings;
import io.fetchbox.observability.tail.iggy.IggyTopicReader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the operator SSE endpoint
 * {@code GET /operator/jobs/{jobId}/logs}, off unless
 * {@code fetchbox.telemetry.operator.log-stream.enabled=true}. Requests to
 * {@code /operator/**} go through their own security filter chain, ordered ahead of the
 * application's chains and matching nothing else, that accepts only the configured
 * operator credentials. Like any {@code SecurityFilterChain} bean it makes Spring Boot's
 * default "secure everything" chain back off: a service that adds Spring Security only
 * for this endpoint keeps its other paths as they were; one that wants them protected
 * declares its own chain, as it would anyway. Without Spring Security the endpoint could
 * not be protected, so enabling it then fails startup with a message naming the property.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IggyAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SseEmitter.class, AsyncIggyTcpClient.class })
@ConditionalOnBooleanProperty("fetchbox.telemetry.operator.log-stream.enabled")
@EnableConfigurationProperties(OperatorProperties.class)
public final class OperatorLogStreamAutoConfiguration {

	/** Order of the operator security filter chain: ahead of application chains. */
	public static final int SECURITY_ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 50;

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
	static class OperatorSecurityConfiguration {

		private static final Log logger = LogFactory.getLog(OperatorSecurityConfiguration.class);

		@Bean
		@Order(SECURITY_ORDER)
		@ConditionalOnMissingBean(name = "operatorSecurityFilterChain")
		SecurityFilterChain operatorSecurityFilterChain(HttpSecurity http, OperatorProperties properties)
				throws Exception {
			List<OperatorCredential> credentials = properties.operatorCredentials();
			if (credentials.isEmpty()) {
				logger.warn("No 'fetchbox.telemetry.operator.credentials' configured: every request to "
						+ "/operator/** is refused with 401");
			}
			OperatorAuthenticationManager manager = new OperatorAuthenticationManager(credentials);
			AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Basic realm=\"fetchbox-operator\", Bearer");
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
				response.setContentType("application/problem+json");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
							+ "\"detail\":\"Operator credentials required\"}");
			};
			AuthenticationFilter authentication = new AuthenticationFilter(manager, new OperatorCredentialsConverter());
			authentication.setSuccessHandler((request, response, auth) -> {
			});
			authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
			http.securityMatcher("/operator/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.addFilterAt(authentication, BasicAuthenticationFilter.class)
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized))
				.csrf(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
	static class MissingSecurityConfiguration {

		MissingSecurityConfiguration() {
			throw new IllegalStateException("'fetchbox.telemetry.operator.log-stream.enabled' is true but Spring "
					+ "Security is not on the class path, so the endpoint could not be protected; add "
					+ "org.springframework.boot:spring-boot-security (or spring-boot-starter-security)");
		}

	}

}
