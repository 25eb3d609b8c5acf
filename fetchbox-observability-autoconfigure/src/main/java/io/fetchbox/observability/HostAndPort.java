package io.fetchbox.observability;

import org.springframework.util.Assert;

/**
 * {@code host:port} pair parsed from configuration, with IPv6 literals in brackets
 * ({@code [::1]:9090}).
 *
 * @param host host name or IP literal (without brackets)
 * @param port TCP port, 0 to 65535
 * @since 0.1.0
 */
public record HostAndPort(String host, int port) {

	public HostAndPort {
		Assert.hasText(host, "'host' must not be empty");
		Assert.isTrue(port >= 0 && port <= 65535, "'port' must be between 0 and 65535");
	}

	/**
	 * Parse a {@code host:port} value, failing with a message naming the property.
	 * @param value the value to parse
	 * @param property the property the value came from, named in the error message
	 * @return the parsed address
	 * @throws IllegalArgumentException if the value is not {@code host:port}
	 */
	public static HostAndPort parse(String value, String property) {
		String message = "'" + property + "' must be host:port (for example 0.0.0.0:9090)";
		int colon = value.lastIndexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			throw new IllegalArgumentException(message);
		}
		String host = value.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			throw new IllegalArgumentException(message);
		}
		if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
			throw new IllegalArgumentException(message);
		}
		String port = value.substring(colon + 1);
		if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
			throw new IllegalArgumentException(message);
		}
		return new HostAndPort(host, Integer.parseInt(port));
	}

}
