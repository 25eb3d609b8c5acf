package io.fetchbox.observability.logging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.argument.StructuredArgument;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * Writes the everyday FetchBox JSON line straight into bytes: the same bytes as the
 * composite encoder of {@link FetchboxJsonFormatter}, without a JSON generator per event.
 * It takes events without a throwable or structured arguments whose key-value pairs are
 * strings, whole numbers or booleans and whose text has no surrogate characters; for any
 * other event it returns {@code null} and the encoder writes the line. Strings are
 * escaped as Jackson escapes them: {@code \"}, {@code \\}, the short escapes of
 * {@code \b \t \n \f \r}, {@code \}{@code u00XX} for other control characters, everything
 * else as UTF-8.
 */
final class JsonLineWriter {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_KEPT_BUFFER = 64 * 1024;

	private final byte[] identity;

	private final Map<String, String> mdcFieldNames;

	private final int maxMessageBytes;

	private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

	// The formatted second of the last event: consecutive lines mostly share it.
	private volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, new byte[0]);

	/**
	 * Create a writer, or return {@code null} if the service identity itself needs the
	 * encoder (it has surrogate characters).
	 * @param identity the service identity fields, in order ({@code service},
	 * {@code environment}, {@code version}), {@code null} values left out
	 * @param mdcFieldNames field names of the MDC keys written under another name
	 * @param maxMessageBytes the longest message in UTF-8 bytes
	 * @return the writer or {@code null}
	 */
	static @Nullable JsonLineWriter create(Map<String, @Nullable String> identity, Map<String, String> mdcFieldNames,
			int maxMessageBytes) {
		Buffer fields = new Buffer();
		for (Map.Entry<String, @Nullable String> field : identity.entrySet()) {
			if (field.getValue() != null && !fields.stringProperty(field.getKey(), field.getValue())) {
				return null;
			}
		}
		return new JsonLineWriter(fields.toByteArray(), mdcFieldNames, maxMessageBytes);
	}

	private JsonLineWriter(byte[] identity, Map<String, String> mdcFieldNames, int maxMessageBytes) {
		this.identity = identity;
		this.mdcFieldNames = Map.copyOf(mdcFieldNames);
		this.maxMessageBytes = maxMessageBytes;
	}

	/**
	 * Write the event's line, ending with a newline.
	 * @param event the event
	 * @return the line in UTF-8, or {@code null} if the encoder has to write it
	 */
	byte @Nullable [] write(ILoggingEvent event) {
		if (event.getThrowableProxy() != null || hasStructuredArgument(event.getArgumentArray())) {
			return null;
		}
		Buffer buffer = this.buffers.get();
		buffer.reset();
		if (!writeFields(buffer, event)) {
			return null;
		}
		byte[] line = buffer.toByteArray();
		if (buffer.bytes.length > MAX_KEPT_BUFFER) {
			this.buffers.remove();
		}
		return line;
	}

	private boolean writeFields(Buffer buffer, ILoggingEvent event) {
		buffer.ascii("{\"timestamp\":\"");
		timestamp(buffer, event.getInstant());
		buffer.ascii("\",\"level\":\"");
		buffer.ascii(event.getLevel().toString());
		buffer.ascii("\"");
		String logger = event.getLoggerName();
		String message = event.getFormattedMessage();
		String thread = event.getThreadName();
		if (logger == null || !buffer.stringProperty("target", logger)) {
			return false;
		}
		if (message != null && !buffer.stringProperty("message", LogMessages.sanitize(message, this.maxMessageBytes))) {
			return false;
		}
		if (thread != null && !buffer.stringProperty("thread", thread)) {
			return false;
		}
		buffer.raw(this.identity);
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			for (Map.Entry<String, String> entry : mdc.entrySet()) {
				String key = entry.getKey();
				String value = entry.getValue();
				String fieldName = (key != null) ? this.mdcFieldNames.getOrDefault(key, key) : null;
				if (fieldName != null && value != null && !buffer.stringProperty(fieldName, value)) {
					return false;
				}
			}
		}
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (int i = 0; i < pairs.size(); i++) {
				KeyValuePair pair = pairs.get(i);
				if (pair.key != null && pair.value != null && !keyValue(buffer, pair.key, pair.value)) {
					return false;
				}
			}
		}
		buffer.ascii("}\n");
		return true;
	}

	private static boolean keyValue(Buffer buffer, String key, Object value) {
		if (value instanceof String text) {
			return buffer.stringProperty(key, text);
		}
		String literal;
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			literal = Long.toString(((Number) value).longValue());
		}
		else if (value instanceof Boolean bool) {
			literal = bool.toString();
		}
		else {
			return false;
		}
		if (!buffer.property(key)) {
			return false;
		}
		buffer.ascii(literal);
		return true;
	}

	private static boolean hasStructuredArgument(Object @Nullable [] arguments) {
		if (arguments != null) {
			for (Object argument : arguments) {
				if (argument instanceof StructuredArgument) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * ISO-8601 in UTC as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} writes it: the
	 * fraction only when not zero, without trailing zeros.
	 */
	private void timestamp(Buffer buffer, Instant instant) {
		long second = instant.getEpochSecond();
		FormattedSecond formatted = this.lastSecond;
		if (formatted.epochSecond != second) {
			formatted = new FormattedSecond(second,
					SECONDS.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII));
			this.lastSecond = formatted;
		}
		buffer.raw(formatted.text);
		int nanos = instant.getNano();
		if (nanos != 0) {
			int digits = 9;
			while (nanos % 10 == 0) {
				nanos /= 10;
				digits--;
			}
			buffer.ensure(digits + 1);
			buffer.bytes[buffer.length++] = '.';
			for (int i = digits - 1; i >= 0; i--) {
				buffer.bytes[buffer.length + i] = (byte) ('0' + nanos % 10);
				nanos /= 10;
			}
			buffer.length += digits;
		}
		buffer.ascii("Z");
	}

	private record FormattedSecond(long epochSecond, byte[] text) {
	}

	/**
	 * A growable byte buffer that writes JSON properties.
	 */
	private static final class Buffer {

		private byte[] bytes = new byte[1024];

		private int length;

		void reset() {
			this.length = 0;
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.length);
		}

		void ensure(int extra) {
			if (this.length + extra > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + extra));
			}
		}

		void raw(byte[] data) {
			ensure(data.length);
			System.arraycopy(data, 0, this.bytes, this.length, data.length);
			this.length += data.length;
		}

		/** Append text known to be ASCII without characters to escape. */
		void ascii(String text) {
			int n = text.length();
			ensure(n);
			for (int i = 0; i < n; i++) {
				this.bytes[this.length++] = (byte) text.charAt(i);
			}
		}

		/** Append {@code ,"name":} ({@code false} if the name has surrogates). */
		boolean property(String name) {
			ensure(2);
			this.bytes[this.length++] = ',';
			this.bytes[this.length++] = '"';
			if (!escaped(name)) {
				return false;
			}
			ensure(2);
			this.bytes[this.length++] = '"';
			this.bytes[this.length++] = ':';
			return true;
		}

		/** Append {@code ,"name":"value"} ({@code false} if either has surrogates). */
		boolean stringProperty(String name, String value) {
			if (!property(name)) {
				return false;
			}
			ensure(1);
			this.bytes[this.length++] = '"';
			if (!escaped(value)) {
				return false;
			}
			ensure(1);
			this.bytes[this.length++] = '"';
			return true;
		}

		private boolean escaped(String text) {
			int n = text.length();
			// At most six bytes per character (a control character's six-byte escape).
			ensure(n * 6);
			byte[] out = this.bytes;
			int at = this.length;
			for (int i = 0; i < n; i++) {
				char c = text.charAt(i);
				if (c < 0x80) {
					if (c >= 0x20 && c != '"' && c != '\\') {
						out[at++] = (byte) c;
					}
					else {
						at = escape(out, at, c);
					}
				}
				else if (c < 0x800) {
					out[at++] = (byte) (0xC0 | (c >> 6));
					out[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					return false;
				}
				else {
					out[at++] = (byte) (0xE0 | (c >> 12));
					out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					out[at++] = (byte) (0x80 | (c & 0x3F));
				}
			}
			this.length = at;
			return true;
		}

		private static int escape(byte[] out, int at, char c) {
			out[at++] = '\\';
			char shortEscape = switch (c) {
				case '"' -> '"';
				case '\\' -> '\\';
				case '\b' -> 'b';
				case '\t' -> 't';
				case '\n' -> 'n';
				case '\f' -> 'f';
				case '\r' -> 'r';
				default -> 0;
			};
			if (shortEscape != 0) {
				out[at++] = (byte) shortEscape;
				return at;
			}
			out[at++] = 'u';
			out[at++] = '0';
			out[at++] = '0';
			out[at++] = HEX[c >> 4];
			out[at++] = HEX[c & 0xF];
			return at;
		}

	}

}
