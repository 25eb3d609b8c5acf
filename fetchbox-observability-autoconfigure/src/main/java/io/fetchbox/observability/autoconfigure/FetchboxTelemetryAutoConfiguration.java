package io.fetchbox.observability.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
@AutoConfiguration
@EnableConfigurationProperties({ FetchboxTelemetryProperties.class, LoggingProperties.class, AccessLogProperties.class,
		RequestIdProperties.class, ProblemDetailsProperties.class, OtlpProperties.class,
		ContextPropagationProperties.class })
public final class FetchboxTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceIdentity fetchboxServiceIdentity(FetchboxTelemetryProperties properties) {
		return properties.toServiceIdentity();
	}

}
