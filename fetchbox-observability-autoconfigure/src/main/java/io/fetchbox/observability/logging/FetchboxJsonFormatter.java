package io.fetchbox.observability.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.ContextBase;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * The FetchBox JSON line as a Spring Boot structured logging format: the encoder and
 * providers of {@code io/fetchbox/observability/logging/json-console-appender.xml},
 * configured in code. With
 * {@code logging.structured.format.console=io.fetchbox.observability.logging.FetchboxJsonFormatter}
 * Boot sets up the console appender itself, as for its own formats, and no XML
 * configuration is parsed at startup (the starter's default when the application has no
 * Logback configuration of its own).
 *
 * @since 0.1.0
 */
public class FetchboxJsonFormatter implements StructuredLogFormatter<ILoggingEvent> {

	/** Longest stack trace written, in characters. */
	static final int MAX_STACK_TRACE_LENGTH = 65536;

	// Micrometer Tracing's MDC keys (traceId, spanId) and their field names; the job and
	// request keys are snake_case already.
	static final Map<String, String> MDC_FIELD_NAMES = Map.of(CorrelationKeys.MDC_TRACE_ID, CorrelationKeys.TRACE_ID,
			CorrelationKeys.MDC_SPAN_ID, CorrelationKeys.SPAN_ID);

	private final LoggingEventCompositeJsonEncoder encoder;

	// Writes the common lines; the encoder writes the others (stack traces, ...).
	private final @Nullable JsonLineWriter lines;

	/**
	 * Create the formatter; Boot passes the application's environment.
	 * @param environment where the service identity and the maximum message size are read
	 * from
	 */
	public FetchboxJsonFormatter(Environment environment) {
		Context context = (LoggerFactory.getILoggerFactory() instanceof Context loggerContext) ? loggerContext
				: new ContextBase();
		LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
		encoder.setContext(context);
		LoggingEventJsonProviders providers = new LoggingEventJsonProviders();

		LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
		timestamp.setFieldName("timestamp");
		timestamp.setTimeZone("UTC");
		providers.addTimestamp(timestamp);
		LogLevelJsonProvider level = new LogLevelJsonProvider();
		level.setFieldName("level");
		providers.addLogLevel(level);
		LoggerNameJsonProvider loggerName = new LoggerNameJsonProvider();
		loggerName.setFieldName("target");
		providers.addLoggerName(loggerName);
		SafeMessageJsonProvider message = new SafeMessageJsonProvider();
		message.setContext(context);
		message.setFieldName("message");
		message.setMaxMessageSize(environment.getProperty("fetchbox.telemetry.logging.max-message-size", "16KB"));
		providers.addProvider(message);
		LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
		thread.setFieldName("thread");
		providers.addThreadName(thread);
		ServiceIdentityJsonProvider identity = new ServiceIdentityJsonProvider();
		identity.setService(environment.getProperty("fetchbox.telemetry.service-name", "unknown_service"));
		identity.setEnvironment(environment.getProperty("fetchbox.telemetry.environment"));
		identity.setVersion(environment.getProperty("fetchbox.telemetry.version"));
		providers.addProvider(identity);
		MdcJsonProvider mdc = new MdcJsonProvider();
		MDC_FIELD_NAMES.forEach((key, fieldName) -> mdc.addMdcKeyFieldName(key + "=" + fieldName));
		providers.addMdc(mdc);
		providers.addArguments(new ArgumentsJsonProvider());
		providers.addProvider(new TypedKeyValuePairsJsonProvider());
		StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
		stackTrace.setFieldName("stack_trace");
		ShortenedThrowableConverter throwableConverter = new ShortenedThrowableConverter();
		throwableConverter.setMaxLength(MAX_STACK_TRACE_LENGTH);
		stackTrace.setThrowableConverter(throwableConverter);
		providers.addStackTrace(stackTrace);

		providers.getProviders().forEach((provider) -> {
			if (provider.getContext() == null) {
				provider.setContext(context);
			}
		});
		encoder.setProviders(providers);
		encoder.start();
		this.encoder = encoder;
		Map<String, @Nullable String> serviceIdentity = new LinkedHashMap<>();
		serviceIdentity.put("service", identity.getService());
		serviceIdentity.put("environment", identity.getEnvironment());
		serviceIdentity.put("version", identity.getVersion());
		this.lines = JsonLineWriter.create(serviceIdentity, MDC_FIELD_NAMES, message.getMaxMessageBytes());
	}

	@Override
	public String format(ILoggingEvent event) {
		return new String(encode(event), StandardCharsets.UTF_8);
	}

	/**
	 * The line in UTF-8 whatever the console charset: JSON lines are UTF-8, also on a
	 * Java 17 whose default charset is ASCII (as with the XML appender).
	 */
	@Override
	public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
		return encode(event);
	}

	private byte[] encode(ILoggingEvent event) {
		byte[] line = (this.lines != null) ? this.lines.write(event) : null;
		return (line != null) ? line : this.encoder.encode(event);
	}

}
