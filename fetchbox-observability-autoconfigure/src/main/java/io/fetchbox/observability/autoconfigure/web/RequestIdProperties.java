package io.fetchbox.observability.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request id properties ({@code fetchbox.telemetry.request-id.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(RequestIdProperties.PREFIX)
public class RequestIdProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.request-id";

	/**
	 * HTTP header carrying the request id, read from requests and written on responses.
	 */
	private String header = "X-Request-ID";

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
			throw new IllegalArgumentException("'fetchbox.telemetry.request-id.header' must be a valid header name");
		}
		this.header = header;
	}

}
