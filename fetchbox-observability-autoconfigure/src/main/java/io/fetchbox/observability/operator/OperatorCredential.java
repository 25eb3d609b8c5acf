package io.fetchbox.observability.operator;

import org.jspecify.annotations.Nullable;

/**
 * A configured operator credential: HTTP basic (name and password) and/or a bearer token,
 * optionally bound to one tenant.
 *
 * @param name user name for HTTP basic, and the principal name for either form
 * @param password HTTP basic password, or {@code null} when only the token is accepted; a
 * {@code {bcrypt}...}-style value is checked with Spring Security's password encoders
 * @param token bearer token, or {@code null}
 * @param tenant the only tenant whose jobs this credential sees; {@code null} for all
 * @since 0.1.0
 */
public record OperatorCredential(String name, @Nullable String password, @Nullable String token,
		@Nullable String tenant) {

	@Override
	public String toString() {
		return "OperatorCredential[name=" + this.name + ", tenant=" + this.tenant + ", password="
				+ ((this.password != null) ? "******" : "none") + ", token="
				+ ((this.token != null) ? "******" : "none") + "]";
	}

}
