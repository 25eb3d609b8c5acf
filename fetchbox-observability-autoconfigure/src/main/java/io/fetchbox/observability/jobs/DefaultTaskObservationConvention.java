package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskHighCardinalityKeys;
import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskLowCardinalityKeys;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * Default {@link TaskObservationConvention}: observation {@code fetchbox.task}, span
 * {@code task}; job type, outcome and trace presence as tags, ids as span attributes.
 *
 * @since 0.1.0
 */
public class DefaultTaskObservationConvention implements TaskObservationConvention {

	/** Shared instance. */
	public static final DefaultTaskObservationConvention INSTANCE = new DefaultTaskObservationConvention();

	@Override
	public String getName() {
		return "fetchbox.task";
	}

	@Override
	public String getContextualName(TaskReceiverContext context) {
		return "task";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskReceiverContext context) {
		TaskOutcome outcome = context.getOutcome();
		return KeyValues.of(
				KeyValue.of(TaskLowCardinalityKeys.JOB_TYPE, JobKeyValues.orUnknown(context.getTask().getJobType())),
				KeyValue.of(TaskLowCardinalityKeys.OUTCOME, (outcome != null) ? outcome.tagValue() : "unknown"),
				KeyValue.of(TaskLowCardinalityKeys.TRACE, context.isTracePresent() ? "present" : "missing"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskReceiverContext context) {
		DownloadTask task = context.getTask();
		return KeyValues.of(KeyValue.of(TaskHighCardinalityKeys.JOB_ID, task.getJobId()),
				KeyValue.of(TaskHighCardinalityKeys.RESOURCE_ID, task.getResourceId()),
				KeyValue.of(TaskHighCardinalityKeys.TENANT, task.getTenant()));
	}

}
