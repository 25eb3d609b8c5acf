package io.fetchbox.observability.autoconfigure.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Stdout logging properties ({@code fetchbox.telemetry.logging.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(LoggingProperties.PREFIX)
public class LoggingProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.logging";

	/**
	 * Console log format: 'json' (one JSON object per line) or 'text' (Spring Boot's
	 * console pattern, for local development).
	 */
	private LogFormat format = LogFormat.JSON;

	/**
	 * Maximum size of a log message in UTF-8 bytes; longer messages are cut and end with
	 * a truncation marker.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(16);

	public LogFormat getFormat() {
		return this.format;
	}

	public void setFormat(LogFormat format) {
		this.format = format;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		if (maxMessageSize.toBytes() < 64 || maxMessageSize.toBytes() > Integer.MAX_VALUE / 4) {
			throw new IllegalArgumentException(
					"'fetchbox.telemetry.logging.max-message-size' must be between 64B and 512MB");
		}
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Console log formats.
	 */
	public enum LogFormat {

		/**
		 * One JSON object per line (logstash-logback-encoder).
		 */
		JSON,

		/**
		 * Spring Boot's plain-text console pattern.
		 */
		TEXT

	}

}
