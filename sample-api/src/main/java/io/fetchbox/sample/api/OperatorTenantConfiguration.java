package io.fetchbox.sample.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.operator.JobTenantResolver;

/**
 * Tells the operator log stream ({@code GET /operator/jobs/{jobId}/logs}) which tenant
 * owns a job, from the ledger: an operator credential bound to a tenant sees only that
 * tenant's jobs.
 */
@Configuration(proxyBeanMethods = false)
class OperatorTenantConfiguration {

	@Bean
	JobTenantResolver jobTenantResolver(JobLedger jobLedger) {
		return (jobId) -> jobLedger.find(jobId).map(JobSnapshot::tenant);
	}

}
