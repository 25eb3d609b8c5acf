package io.fetchbox.observability.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;

import org.springframework.mock.env.MockEnvironment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formatter the starter configures in code writes, byte for byte, the line of the
 * {@code json-console-appender.xml} that applications include in their own Logback
 * configuration.
 */
class FetchboxJsonFormatterTests {

	// Where the XML is configured; the events come from the application's context, whose
	// MDC the test sets.
	private final LoggerContext context = new LoggerContext();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void writesTheSameLineAsTheXmlAppender() throws Exception {
		Encoder<ILoggingEvent> xml = XmlConsoleEncoder.create(this.context, Map.of("FETCHBOX_SERVICE", "log-test",
				"FETCHBOX_ENVIRONMENT", "test", "FETCHBOX_VERSION", "9.9.9", "FETCHBOX_MAX_MESSAGE_SIZE", "1KB"));
		MockEnvironment environment = new MockEnvironment().withProperty("fetchbox.telemetry.service-name", "log-test")
			.withProperty("fetchbox.telemetry.environment", "test")
			.withProperty("fetchbox.telemetry.version", "9.9.9")
			.withProperty("fetchbox.telemetry.logging.max-message-size", "1KB");
		FetchboxJsonFormatter formatter = new FetchboxJsonFormatter(environment);
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		MDC.put("spanId", "00f067aa0ba902b7");
		MDC.put("job_id", "job-1");
		List<LoggingEvent> events = new ArrayList<>();
		events.add(event(Level.INFO, "hello {}", null, "alice"));
		LoggingEvent access = event(Level.INFO, "request completed", null);
		access.addKeyValuePair(new KeyValuePair("status", 200));
		access.addKeyValuePair(new KeyValuePair("method", "GET"));
		events.add(access);
		events.add(event(Level.WARN, "attempt {}", null, kv("attempt", 3)));
		events.add(event(Level.ERROR, "failed", new IllegalStateException("boom", new RuntimeException("cause"))));
		events.add(event(Level.INFO, "x".repeat(5000) + "\ud800 line\nbreak", null));
		for (LoggingEvent event : events) {
			String line = new String(formatter.formatAsBytes(event, UTF_8), UTF_8);
			assertThat(line).isEqualTo(new String(xml.encode(event), UTF_8))
				.isEqualTo(formatter.format(event))
				.contains("\"service\":\"log-test\"", "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
				.endsWith("}\n");
		}
	}

	@Test
	void leavesOutIdentityFieldsThatAreNotConfigured() {
		FetchboxJsonFormatter formatter = new FetchboxJsonFormatter(new MockEnvironment());
		String line = formatter.format(event(Level.INFO, "hello", null));
		assertThat(line).contains("\"service\":\"unknown_service\"").doesNotContain("environment", "version");
	}

	private LoggingEvent event(Level level, String message, @Nullable Throwable throwable, Object... arguments) {
		Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.fetchbox.test.Service");
		return new LoggingEvent(Logger.class.getName(), logger, level, message, throwable,
				(arguments.length > 0) ? arguments : null);
	}

}
