package io.fetchbox.observability.operator;

import java.util.Optional;

/**
 * Tells which tenant owns a job, so that an operator credential bound to a tenant sees
 * only that tenant's jobs. A service with a job ledger declares a bean of this type; the
 * default reads the {@code tenant} field of the job's first log records.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface JobTenantResolver {

	/**
	 * Tenant owning {@code jobId}.
	 * @param jobId the job id
	 * @return the tenant, or empty when the job is unknown
	 */
	Optional<String> tenantOf(String jobId);

}
