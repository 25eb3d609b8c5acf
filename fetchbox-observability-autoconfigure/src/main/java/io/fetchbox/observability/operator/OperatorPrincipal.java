package io.fetchbox.observability.operator;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * An authenticated operator.
 *
 * @param name the credential's name (user name, or the name given to a token)
 * @param tenant the only tenant whose jobs it may see, or {@code null} for all tenants
 * @since 0.1.0
 */
public record OperatorPrincipal(String name, @Nullable String tenant) implements Principal {

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * Whether this operator may see a job of {@code jobTenant}.
	 * @param jobTenant the job's tenant
	 * @return whether access is allowed
	 */
	public boolean mayAccess(String jobTenant) {
		return this.tenant == null || this.tenant.equals(jobTenant);
	}

}
