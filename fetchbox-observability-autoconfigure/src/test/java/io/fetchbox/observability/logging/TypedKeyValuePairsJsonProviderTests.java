package io.fetchbox.observability.logging;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed key-value provider writes the same JSON as logstash-logback-encoder's own.
 */
class TypedKeyValuePairsJsonProviderTests {

	private final LoggerContext context = new LoggerContext();

	@Test
	void writesTheSameJsonAsTheEncodersProvider() {
		LoggingEvent event = event(new KeyValuePair("method", "GET"), new KeyValuePair("status", 200),
				new KeyValuePair("latency_ms", 12L), new KeyValuePair("short", (short) 3),
				new KeyValuePair("cached", true), new KeyValuePair("ratio", 0.25),
				new KeyValuePair("amount", new BigDecimal("10.50")), new KeyValuePair("tags", List.of("a", "b")),
				new KeyValuePair("attributes", Map.of("k", 1)), new KeyValuePair("quoted", "a \"b\"\n\u0001"),
				new KeyValuePair("skipped", null), new KeyValuePair(null, "no key"));
		String typed = encode(new TypedKeyValuePairsJsonProvider(), event);
		assertThat(typed).isEqualTo(encode(new KeyValuePairsJsonProvider(), event))
			.contains("\"status\":200", "\"latency_ms\":12", "\"cached\":true", "\"method\":\"GET\"")
			.doesNotContain("skipped", "no key");
	}

	@Test
	void includeAndExcludeSettingsStillApply() {
		LoggingEvent event = event(new KeyValuePair("method", "GET"), new KeyValuePair("status", 200));
		TypedKeyValuePairsJsonProvider provider = new TypedKeyValuePairsJsonProvider();
		provider.addExcludeKeyName("method");
		assertThat(encode(provider, event)).isEqualTo("{\"status\":200}\n");
	}

	@Test
	void eventWithoutPairsWritesNothing() {
		assertThat(encode(new TypedKeyValuePairsJsonProvider(), event())).isEqualTo("{}\n");
	}

	private LoggingEvent event(KeyValuePair... pairs) {
		Logger logger = this.context.getLogger("test");
		LoggingEvent event = new LoggingEvent("test", logger, Level.INFO, "request completed", null, null);
		for (KeyValuePair pair : pairs) {
			event.addKeyValuePair(pair);
		}
		return event;
	}

	private String encode(AbstractJsonProvider<ch.qos.logback.classic.spi.ILoggingEvent> provider, LoggingEvent event) {
		LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
		encoder.setContext(this.context);
		encoder.getProviders().addProvider(provider);
		encoder.start();
		try {
			return new String(encoder.encode(event), UTF_8);
		}
		finally {
			encoder.stop();
		}
	}

}
