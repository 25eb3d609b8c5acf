package io.fetchbox.observability.iggy;

/**
 * A parsed {@code host:port} Iggy TCP address.
 *
 * @param host host name or IP address (IPv6 in brackets is accepted)
 * @param port TCP port
 * @since 0.1.0
 */
public record IggyAddress(String host, int port) {

	/**
	 * Parse {@code host:port}.
	 * @param address the address
	 * @return the parsed address
	 * @throws IllegalArgumentException if the address is not {@code host:port} with a
	 * port between 1 and 65535
	 */
	public static IggyAddress parse(String address) {
		String trimmed = address.trim();
		int colon = trimmed.lastIndexOf(':');
		if (colon <= 0 || colon == trimmed.length() - 1) {
			throw new IllegalArgumentException("'" + address + "' is not of the form host:port");
		}
		String host = trimmed.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = Integer.parseInt(trimmed.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + address + "' has no numeric port");
		}
		if (port < 1 || port > 65535 || host.isBlank()) {
			throw new IllegalArgumentException("'" + address + "' is not of the form host:port");
		}
		return new IggyAddress(host, port);
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
