package io.fetchbox.observability.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.fetchbox.observability.ServiceIdentity;
import io.fetchbox.observability.autoconfigure.logging.LoggingProperties;
import io.fetchbox.observability.autoconfigure.tracing.ContextPropagationProperties;
import io.fetchbox.observability.autoconfigure.tracing.OtlpProperties;
import io.fetchbox.observability.autoconfigure.web.AccessLogProperties;
import io.fetchbox.observability.autoconfigure.web.ProblemDetailsProperties;
import io.fetchbox.observability.autoconfigure.web.RequestIdProperties;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the properties and the
 * {@link ServiceIdentity} every FetchBox observability concern shares. The properties
 * classes of logging, web and tracing live beside their auto-configurations but are bound
 * here, in every application, so an invalid value fails startup whichever features are
 * active and the {@code fetchbox} endpoint lists them all.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProjectInfoAutoConfiguration.class)
@EnableConfigurationProperties({ FetchboxTelemetryProperties.class, LoggingProperties.class, AccessLogProperties.class,
		RequestIdProperties.class, ProblemDetailsProperties.class, OtlpProperties.class,
		ContextPropagationProperties.class })
public final class FetchboxTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceIdentity fetchboxServiceIdentity(FetchboxTelemetryProperties properties, Environment environment,
			ObjectProvider<BuildProperties> buildProperties) {
		BuildProperties build = buildProperties.getIfAvailable();
		return serviceIdentity(properties, environment, (build != null) ? build.getVersion() : null);
	}

	/**
	 * Resolve the effective identity: explicit properties first, then
	 * {@code spring.application.name} and the build version.
	 * @param properties the bound properties
	 * @param environment the environment
	 * @param buildVersion the build version when known
	 * @return the service identity
	 */
	static ServiceIdentity serviceIdentity(FetchboxTelemetryProperties properties, Environment environment,
			@Nullable String buildVersion) {
		String service = properties.getServiceName();
		if (!StringUtils.hasText(service)) {
			service = environment.getProperty("spring.application.name", ServiceIdentity.UNKNOWN_SERVICE);
		}
		String version = StringUtils.hasText(properties.getVersion()) ? properties.getVersion() : buildVersion;
		if (!StringUtils.hasText(version)) {
			version = environment.getProperty("spring.application.version");
		}
		String env = StringUtils.hasText(properties.getEnvironment()) ? properties.getEnvironment() : null;
		return new ServiceIdentity(service.trim(), env, StringUtils.hasText(version) ? version : null);
	}

}
