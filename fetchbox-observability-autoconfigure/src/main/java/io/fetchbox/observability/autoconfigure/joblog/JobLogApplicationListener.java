package io.fetchbox.observability.autoconfigure.joblog;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Installs the {@code jobs.logs} appender right after Boot initialised logging, so that
 * events from the start-up are kept (up to {@code early-buffer-size}) until the Iggy
 * client is attached. Runs again after every logging re-initialisation; installing is
 * idempotent and respects an appender declared in {@code logback-spring.xml}. Registered
 * in {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public class JobLogApplicationListener implements GenericApplicationListener {

	/** Right after {@link LoggingApplicationListener}. */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

	private static final boolean REQUIRED_CLASSES_PRESENT = isPresent("ch.qos.logback.classic.LoggerContext")
			&& isPresent("org.apache.iggy.client.async.tcp.AsyncIggyTcpClient");

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared) || !REQUIRED_CLASSES_PRESENT) {
			return;
		}
		ConfigurableEnvironment environment = prepared.getEnvironment();
		if (!environment.getProperty(JobLogProperties.PREFIX + ".enabled", Boolean.class, true)) {
			return;
		}
		// Binding here fails start-up on an invalid value, naming the property.
		JobLogProperties properties = Binder.get(environment)
			.bind(JobLogProperties.PREFIX, JobLogProperties.class)
			.orElseGet(JobLogProperties::new);
		EarlyInstaller.install(properties);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, JobLogApplicationListener.class.getClassLoader());
	}

	/** Touches Logback types only once they are known to be present. */
	private static final class EarlyInstaller {

		static void install(JobLogProperties properties) {
			if (org.slf4j.LoggerFactory
				.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext loggerContext) {
				io.fetchbox.observability.joblog.logback.JobLogAppenderInstaller.install(loggerContext,
						properties.toSettings());
			}
		}

	}

}
