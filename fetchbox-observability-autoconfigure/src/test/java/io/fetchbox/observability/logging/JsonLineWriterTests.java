package io.fetchbox.observability.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import static java.nio.charset.StandardCharsets.UTF_8;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct writer of everyday lines writes exactly the bytes of the JSON encoder that
 * {@code json-console-appender.xml} configures, for hostile text too, and leaves every
 * event it cannot write that way to the encoder.
 */
class JsonLineWriterTests {

	private final LoggerContext context = new LoggerContext();

	private Encoder<ILoggingEvent> encoder;

	private JsonLineWriter writer;

	@BeforeEach
	void setUp() throws Exception {
		this.encoder = XmlConsoleEncoder.create(this.context, Map.of("FETCHBOX_SERVICE", "svc \"q\" \\ é",
				"FETCHBOX_ENVIRONMENT", "prod", "FETCHBOX_MAX_MESSAGE_SIZE", "1KB"));
		Map<String, @Nullable String> identity = new LinkedHashMap<>();
		identity.put("service", "svc \"q\" \\ é");
		identity.put("environment", "prod");
		identity.put("version", null);
		this.writer = JsonLineWriter.create(identity, FetchboxJsonFormatter.MDC_FIELD_NAMES, 1024);
		assertThat(this.writer).isNotNull();
	}

	@Test
	void writesTheEncodersBytesForEverydayLines() {
		LoggingEvent access = event("request completed", Map.of("request_id", "r-1", "traceId",
				"4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));
		access.setKeyValuePairs(List.of(new KeyValuePair("method", "GET"), new KeyValuePair("route", "/jobs/{jobId}"),
				new KeyValuePair("status", 200), new KeyValuePair("latency_ms", 12L),
				new KeyValuePair("short", (short) -3), new KeyValuePair("byte", (byte) 7),
				new KeyValuePair("cached", true), new KeyValuePair("skipped", null)));
		assertSameBytes(access);
		assertSameBytes(event("hello {}", Map.of(), "alice"));
		assertSameBytes(event("x".repeat(5000), Map.of()));
		assertSameBytes(event("ünïcödé ✓ — \u0000\u001f\u007f \" \\ / \b\f\n\r\t", Map.of("k\"ey\n", "v\\al\u0001")));
	}

	@Test
	void writesEveryTimestampAsTheEncoderDoes() {
		for (Instant instant : List.of(Instant.parse("2026-11-30T15:13:45Z"), Instant.parse("2026-11-30T15:13:45.1Z"),
				Instant.parse("2026-11-30T15:13:45.120Z"), Instant.parse("2026-11-30T15:13:45.279381748Z"),
				Instant.parse("2026-11-30T15:13:45.000000001Z"), Instant.parse("1999-12-31T23:59:59.999999999Z"),
				Instant.parse("2026-11-30T15:13:46.5Z"), Instant.parse("2026-11-30T15:13:45.5Z"))) {
			LoggingEvent event = event("tick", Map.of());
			event.setInstant(instant);
			assertSameBytes(event);
		}
	}

	@Test
	void writesRandomTextAsTheEncoderDoes() {
		Random random = new Random(20261130);
		int written = 0;
		for (int i = 0; i < 2000; i++) {
			List<String> texts = List.of(randomText(random), randomText(random), randomText(random), randomText(random),
					randomText(random));
			LoggingEvent event = event(texts.get(0), Map.of(texts.get(1), texts.get(2)));
			event.setKeyValuePairs(
					List.of(new KeyValuePair(texts.get(3), texts.get(4)), new KeyValuePair("n", random.nextLong())));
			// Messages are cleaned first (a lone surrogate becomes U+FFFD); other text
			// with
			// surrogates goes to the encoder.
			String messageAsWritten = LogMessages.sanitize(texts.get(0), 1024);
			if ((messageAsWritten + String.join("", texts.subList(1, 5))).chars()
				.anyMatch((c) -> Character.isSurrogate((char) c))) {
				assertThat(this.writer.write(event)).isNull();
			}
			else {
				assertSameBytes(event);
				written++;
			}
		}
		assertThat(written).isGreaterThan(1000);
	}

	@Test
	void leavesOtherEventsToTheEncoder() {
		LoggingEvent failed = new LoggingEvent(Logger.class.getName(), logger(), Level.ERROR, "failed",
				new IllegalStateException("boom"), null);
		LoggingEvent structured = event("attempt {}", Map.of(), kv("attempt", 3));
		LoggingEvent pair = event("emoji \ud83d\ude00", Map.of());
		LoggingEvent loneSurrogateInMdc = event("mdc", Map.of("k", "\udc00"));
		LoggingEvent objectValue = event("object", Map.of());
		objectValue.setKeyValuePairs(List.of(new KeyValuePair("when", Instant.EPOCH)));
		for (LoggingEvent event : List.of(failed, structured, pair, loneSurrogateInMdc, objectValue)) {
			assertThat(this.writer.write(event)).as(event.getMessage()).isNull();
		}
	}

	@Test
	void refusesAnIdentityItCannotWrite() {
		assertThat(JsonLineWriter.create(Map.of("service", "svc\ud800"), Map.of(), 1024)).isNull();
	}

	private void assertSameBytes(LoggingEvent event) {
		byte[] line = this.writer.write(event);
		assertThat(line).as("written directly").isNotNull();
		assertThat(new String(line, UTF_8)).isEqualTo(new String(this.encoder.encode(event), UTF_8));
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(12);
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(5);
			char c = switch (kind) {
				case 0 -> (char) random.nextInt(0x20);
				case 1 -> (char) (0x20 + random.nextInt(0x60));
				case 2 -> (char) (0x80 + random.nextInt(0x780));
				case 3 -> (char) (0x800 + random.nextInt(0xF7FF));
				default -> "\"\\/".charAt(random.nextInt(3));
			};
			text.append(c);
		}
		return text.toString();
	}

	private LoggingEvent event(String message, Map<String, String> mdc, Object... arguments) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger(), Level.INFO, message, null,
				(arguments.length > 0) ? arguments : null);
		event.setThreadName("http-nio-8080-exec-1");
		event.setMDCPropertyMap(mdc);
		return event;
	}

	private Logger logger() {
		return this.context.getLogger("io.fetchbox.test.Service");
	}

}
