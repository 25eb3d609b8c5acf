package io.fetchbox.observability.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

import io.fetchbox.observability.HostAndPort;

/**
 * Broker connection flags shared by every command; each falls back to an environment
 * variable, then to the broker's defaults.
 *
 * @since 0.1.0
 */
final class ConnectionOptions {

	@Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "${env:IGGY_ADDRESS:-127.0.0.1:8090}",
			description = "Iggy TCP address (env IGGY_ADDRESS). Default: ${DEFAULT-VALUE}.")
	String address;

	@Option(names = "--username", paramLabel = "USER", defaultValue = "${env:IGGY_USERNAME:-iggy}",
			description = "Iggy user (env IGGY_USERNAME). Default: ${DEFAULT-VALUE}.")
	String username;

	@Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:IGGY_PASSWORD:-iggy}",
			description = "Iggy password (env IGGY_PASSWORD; prefer the variable, flags show up in 'ps'). "
					+ "Default: the broker's default.")
	String password;

	@Option(names = "--stream", paramLabel = "NAME", defaultValue = "fetchbox",
			description = "Iggy stream. Default: ${DEFAULT-VALUE}.")
	String stream;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
			description = "Limit for connecting and for each broker call, e.g. 500ms, 5s, 1m. Default: ${DEFAULT-VALUE}.")
	Duration timeout;

	IggyConnection open() {
		HostAndPort hostAndPort;
		try {
			hostAndPort = HostAndPort.parse(this.address.trim(), "--address");
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(CliException.USAGE,
					"--address/IGGY_ADDRESS must be host:port, got '" + this.address + "'");
		}
		return IggyConnection.open(hostAndPort, this.username, this.password, this.timeout);
	}

	@Override
	public String toString() {
		return "ConnectionOptions[address=" + this.address + ", username=" + this.username + ", password=******]";
	}

}
