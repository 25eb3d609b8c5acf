package io.fetchbox.observability.autoconfigure.iggy;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to establish a connection to an Iggy server: where the starter's Iggy
 * client connects and how it logs in. As with Spring Boot's own services, a bean of this
 * type (for example one a test contributes through a service connection) takes precedence
 * over the {@code fetchbox.telemetry.iggy.address}, {@code .username}, {@code .password}
 * and {@code .personal-access-token} properties.
 *
 * @since 0.1.0
 */
public interface IggyConnectionDetails extends ConnectionDetails {

	/**
	 * Host of the server's TCP endpoint.
	 * @return the host
	 */
	String getHost();

	/**
	 * Port of the server's TCP endpoint.
	 * @return the port
	 */
	int getPort();

	/**
	 * Username to log in with, unless a personal access token is given.
	 * @return the username or {@code null}
	 */
	@Nullable String getUsername();

	/**
	 * Password to log in with, unless a personal access token is given.
	 * @return the password or {@code null}
	 */
	@Nullable String getPassword();

	/**
	 * Personal access token to log in with instead of a username and password.
	 * @return the token or {@code null}
	 */
	default @Nullable String getPersonalAccessToken() {
		return null;
	}

}
