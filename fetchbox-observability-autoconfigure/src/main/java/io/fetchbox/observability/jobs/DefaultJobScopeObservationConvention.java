package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValues;

/**
 * Default {@link JobScopeObservationConvention}: observation {@code fetchbox.job}, span
 * {@code job}; job type, outcome and trace presence as tags, ids as span attributes.
 *
 * @since 0.1.0
 */
public class DefaultJobScopeObservationConvention implements JobScopeObservationConvention {

	/** Shared instance. */
	public static final DefaultJobScopeObservationConvention INSTANCE = new DefaultJobScopeObservationConvention();

	@Override
	public String getName() {
		return "fetchbox.job";
	}

	@Override
	public String getContextualName(JobScopeContext context) {
		return "job";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(JobScopeContext context) {
		return JobKeyValues.lowCardinality(context.getJob().jobType(), context.getOutcome(), context.isTracePresent());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(JobScopeContext context) {
		JobContext job = context.getJob();
		return JobKeyValues.highCardinality(job.jobId(), job.resourceId(), job.tenant());
	}

}
