package io.fetchbox.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.JsonWritingUtils;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import tools.jackson.core.JsonGenerator;

import org.springframework.util.unit.DataSize;

/**
 * The encoder's {@code message} provider, made safe for hostile content: lone surrogates
 * are replaced and messages longer than {@link #setMaxMessageSize max-message-size} UTF-8
 * bytes are cut with a marker (see {@link LogMessages}). Newlines and control characters
 * need nothing here: the JSON generator escapes them, so a line stays a line.
 *
 * @since 0.1.0
 */
public class SafeMessageJsonProvider extends MessageJsonProvider {

	private int maxMessageBytes = 16 * 1024;

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		String message = event.getFormattedMessage();
		if (message != null) {
			JsonWritingUtils.writeStringField(generator, getFieldName(),
					LogMessages.sanitize(message, this.maxMessageBytes));
		}
	}

	/**
	 * Set the maximum message size, as a {@link DataSize} expression such as
	 * {@code 16KB}; invalid values keep the current size and report a status error.
	 * @param maxMessageSize the maximum size
	 */
	public void setMaxMessageSize(String maxMessageSize) {
		try {
			long bytes = DataSize.parse(maxMessageSize.trim()).toBytes();
			if (bytes < 64 || bytes > Integer.MAX_VALUE / 4) {
				throw new IllegalArgumentException("out of range");
			}
			this.maxMessageBytes = (int) bytes;
		}
		catch (RuntimeException ex) {
			addError("Invalid max message size '" + maxMessageSize + "', keeping " + this.maxMessageBytes + " bytes");
		}
	}

	public int getMaxMessageBytes() {
		return this.maxMessageBytes;
	}

}
