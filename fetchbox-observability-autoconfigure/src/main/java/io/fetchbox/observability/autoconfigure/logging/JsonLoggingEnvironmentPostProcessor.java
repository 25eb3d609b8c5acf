package io.fetchbox.observability.autoconfigure.logging;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import io.fetchbox.observability.autoconfigure.logging.LoggingProperties.LogFormat;

/**
 * Turns JSON console logging on by default: when
 * {@code fetchbox.telemetry.logging.format} is {@code json} (the default), Logback and
 * logstash-logback-encoder are present, and the application has chosen no configuration
 * of its own, contributes a lowest-precedence {@code logging.structured.format.console}
 * naming {@code FetchboxJsonFormatter}: Boot then sets up its console appender in code
 * with the FetchBox JSON line, and no XML configuration is parsed at startup (the same
 * line as {@code logback-json.xml}, which stays for applications that include the
 * appender in their own configuration). A {@code logback(-spring).xml} on the class path,
 * an explicit {@code logging.config} or {@code logging.structured.format.console} always
 * win. The banner is turned off by default too, so that stdout holds nothing but JSON
 * lines.
 *
 * @since 0.1.0
 */
public class JsonLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Location of the FetchBox JSON console as a complete Logback configuration (for
	 * {@code logging.config}; the starter's default is {@link #JSON_FORMAT}).
	 */
	public static final String JSON_CONFIG = "classpath:io/fetchbox/observability/logging/logback-json.xml";

	/**
	 * The structured logging format the starter sets by default (a class name: the class
	 * needs logstash-logback-encoder, which may be absent).
	 */
	public static final String JSON_FORMAT = "io.fetchbox.observability.logging.FetchboxJsonFormatter";

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryLogging";

	private static final String[] USER_CONFIGS = { "logback-test.groovy", "logback-test.xml", "logback.groovy",
			"logback.xml", "logback-test-spring.groovy", "logback-test-spring.xml", "logback-spring.groovy",
			"logback-spring.xml" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		LogFormat format = Binder.get(environment)
			.bind(LoggingProperties.PREFIX + ".format", LogFormat.class)
			.orElse(LogFormat.JSON);
		if (format == LogFormat.JSON && canUseJson(application.getClassLoader())
				&& !environment.containsProperty("logging.config")
				&& !environment.containsProperty("logging.structured.format.console")
				&& !hasUserConfiguration(application.getClassLoader())) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("logging.structured.format.console", JSON_FORMAT,
								// The console banner would be the only non-JSON text on
								// stdout.
								"spring.main.banner-mode", "off")));
		}
	}

	private static boolean canUseJson(@Nullable ClassLoader classLoader) {
		String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		if (loggingSystem != null && !loggingSystem.contains("Logback")) {
			return false;
		}
		return ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader)
				&& ClassUtils.isPresent("net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder", classLoader);
	}

	private static boolean hasUserConfiguration(@Nullable ClassLoader classLoader) {
		for (String config : USER_CONFIGS) {
			if (new ClassPathResource(config, classLoader).exists()) {
				return true;
			}
		}
		return false;
	}

}
