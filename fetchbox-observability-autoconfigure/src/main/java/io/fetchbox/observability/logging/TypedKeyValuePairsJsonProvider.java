package io.fetchbox.observability.logging;

import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;

/**
 * The encoder's SLF4J key-value pairs provider ({@code addKeyValue}, the access line's
 * {@code method}, {@code route}, {@code status}, {@code latency_ms}), writing strings,
 * whole numbers and booleans straight to the generator. logstash-logback-encoder's own
 * provider hands every value to Jackson's object mapper, which costs a serializer look-up
 * per value; the JSON is the same. Other values, and any include, exclude or rename
 * setting, take the encoder's own path.
 *
 * @since 0.1.0
 */
public class TypedKeyValuePairsJsonProvider extends KeyValuePairsJsonProvider {

	private boolean plain;

	@Override
	public void start() {
		super.start();
		this.plain = getFieldName() == null && getIncludeKeyNames().isEmpty() && getExcludeKeyNames().isEmpty()
				&& getKeyFieldNames().isEmpty();
	}

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		if (!this.plain) {
			super.writeTo(generator, event);
			return;
		}
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs == null) {
			return;
		}
		for (int i = 0; i < pairs.size(); i++) {
			KeyValuePair pair = pairs.get(i);
			if (pair.key != null && pair.value != null) {
				write(generator, pair.key, pair.value);
			}
		}
	}

	private static void write(JsonGenerator generator, String name, Object value) {
		if (value instanceof String text) {
			generator.writeStringProperty(name, text);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			generator.writeNumberProperty(name, ((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			generator.writeBooleanProperty(name, bool);
		}
		else {
			generator.writePOJOProperty(name, value);
		}
	}

}
