package io.fetchbox.observability.autoconfigure.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Contributes lowest-precedence log levels for libraries the starter brings whose INFO
 * lines say nothing an operator needs: the Iggy SDK logs
 * {@code Connection pool initialized with max connections: N} on every reconnect attempt,
 * so a broker outage would fill the log with it. The starter reports connection state
 * itself (see {@code IggyOutageLog}). Any {@code logging.level.org.apache.iggy} the
 * application sets wins.
 *
 * @since 0.1.0
 */
public class LibraryLogLevelsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "fetchboxTelemetryLibraryLogLevels";

	/** Default level of the Iggy SDK's loggers. */
	public static final String IGGY_SDK_LEVEL = "WARN";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("logging.level.org.apache.iggy", IGGY_SDK_LEVEL)));
	}

}
