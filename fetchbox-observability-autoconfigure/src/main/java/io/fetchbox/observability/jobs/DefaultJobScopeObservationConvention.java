package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskHighCardinalityKeys;
import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskLowCardinalityKeys;

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
		TaskOutcome outcome = context.getOutcome();
		return KeyValues.of(
				KeyValue.of(TaskLowCardinalityKeys.JOB_TYPE, JobKeyValues.orUnknown(context.getJob().jobType())),
				KeyValue.of(TaskLowCardinalityKeys.OUTCOME, (outcome != null) ? outcome.tagValue() : "unknown"),
				KeyValue.of(TaskLowCardinalityKeys.TRACE, context.isTracePresent() ? "present" : "missing"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(JobScopeContext context) {
		JobContext job = context.getJob();
		return KeyValues.of(KeyValue.of(TaskHighCardinalityKeys.JOB_ID, job.jobId()),
				KeyValue.of(TaskHighCardinalityKeys.RESOURCE_ID, job.resourceId()),
				KeyValue.of(TaskHighCardinalityKeys.TENANT, job.tenant()));
	}

}
