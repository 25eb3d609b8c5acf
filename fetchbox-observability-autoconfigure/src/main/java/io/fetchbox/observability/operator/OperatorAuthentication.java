package io.fetchbox.observability.operator;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Operator credentials presented with a request ({@link #unauthenticated}) and, once
 * checked, the authenticated {@link OperatorPrincipal}. The secret is erased after the
 * check.
 *
 * @since 0.1.0
 */
public final class OperatorAuthentication extends AbstractAuthenticationToken {

	/** Authority granted to every operator. */
	public static final String AUTHORITY = "ROLE_FETCHBOX_OPERATOR";

	private final Object principal;

	private @Nullable String secret;

	private final boolean bearer;

	private OperatorAuthentication(Object principal, @Nullable String secret, boolean bearer, boolean authenticated) {
		super(authenticated ? AuthorityUtils.createAuthorityList(AUTHORITY) : List.of());
		this.principal = principal;
		this.secret = secret;
		this.bearer = bearer;
		super.setAuthenticated(authenticated);
	}

	static OperatorAuthentication basic(String username, String password) {
		return new OperatorAuthentication(username, password, false, false);
	}

	static OperatorAuthentication bearer(String token) {
		return new OperatorAuthentication("bearer", token, true, false);
	}

	static OperatorAuthentication authenticated(OperatorPrincipal principal) {
		return new OperatorAuthentication(principal, null, false, true);
	}

	boolean isBearer() {
		return this.bearer;
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.secret;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Use OperatorAuthentication.authenticated(...)");
		}
		super.setAuthenticated(false);
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.secret = null;
	}

	@Override
	public boolean equals(Object obj) {
		return super.equals(obj);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
