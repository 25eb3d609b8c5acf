package io.fetchbox.observability.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

import io.fetchbox.observability.ServiceIdentity;

/**
 * The one place the service identity's fallbacks are resolved. Contributes
 * lowest-precedence defaults so that logs, metrics and traces agree on one service
 * identity before any bean exists (logging starts before the context; the
 * {@code ServiceIdentity} bean binds the same properties):
 * {@code fetchbox.telemetry.service-name} falls back to {@code spring.application.name},
 * {@code fetchbox.telemetry.version} to {@code spring.application.version} (which Boot
 * takes from the main class's jar {@code Implementation-Version}), else the build version
 * of {@code build-info.properties}, and the OpenTelemetry resource gets the same
 * {@code service.name}, {@code service.version} and {@code deployment.environment.name}.
 * Anything set explicitly wins.
 *
 * @since 0.1.0
 */
public class ServiceIdentityEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryIdentityDefaults";

	private static final String RESOURCE_ATTRIBUTES = "management.opentelemetry.resource-attributes";

	private static final String BUILD_INFO_LOCATION = "spring.info.build.location";

	private static final String DEFAULT_BUILD_INFO = "classpath:META-INF/build-info.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("fetchbox.telemetry.service-name",
				"${spring.application.name:" + ServiceIdentity.UNKNOWN_SERVICE + "}");
		if (!environment.containsProperty("fetchbox.telemetry.version")) {
			if (StringUtils.hasText(environment.getProperty("spring.application.version"))) {
				// Set by the user, or by Boot from the main class's jar
				// Implementation-Version.
				defaults.put("fetchbox.telemetry.version", "${spring.application.version}");
			}
			else {
				String buildVersion = buildVersion(environment, application.getClassLoader());
				if (buildVersion != null) {
					defaults.put("fetchbox.telemetry.version", buildVersion);
				}
			}
		}
		defaults.put(RESOURCE_ATTRIBUTES + "[service.name]", "${fetchbox.telemetry.service-name}");
		if (StringUtils.hasText(environment.getProperty("fetchbox.telemetry.version"))
				|| defaults.containsKey("fetchbox.telemetry.version")) {
			defaults.put(RESOURCE_ATTRIBUTES + "[service.version]", "${fetchbox.telemetry.version}");
		}
		if (StringUtils.hasText(environment.getProperty("fetchbox.telemetry.environment"))) {
			defaults.put(RESOURCE_ATTRIBUTES + "[deployment.environment.name]", "${fetchbox.telemetry.environment}");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	// Where Boot's ProjectInfoAutoConfiguration reads BuildProperties from.
	private static @Nullable String buildVersion(ConfigurableEnvironment environment,
			@Nullable ClassLoader classLoader) {
		Resource resource = new DefaultResourceLoader(classLoader)
			.getResource(environment.getProperty(BUILD_INFO_LOCATION, DEFAULT_BUILD_INFO));
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("build.version");
			return StringUtils.hasText(version) ? version : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
