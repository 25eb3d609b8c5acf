package io.fetchbox.observability.operator;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * An operator authenticated by {@link OperatorAuthenticationFilter}, as Spring Security
 * sees it (see {@link SpringSecurityOperatorContext}). Carries no secret.
 *
 * @since 0.1.0
 */
public final class OperatorAuthentication extends AbstractAuthenticationToken {

	/** Authority granted to every operator. */
	public static final String AUTHORITY = "ROLE_FETCHBOX_OPERATOR";

	private final OperatorPrincipal principal;

	/**
	 * Create an authenticated token.
	 * @param principal the operator
	 */
	public OperatorAuthentication(OperatorPrincipal principal) {
		super(AuthorityUtils.createAuthorityList(AUTHORITY));
		this.principal = principal;
		super.setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public OperatorPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Only OperatorAuthenticationFilter authenticates operators");
		}
		super.setAuthenticated(false);
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
