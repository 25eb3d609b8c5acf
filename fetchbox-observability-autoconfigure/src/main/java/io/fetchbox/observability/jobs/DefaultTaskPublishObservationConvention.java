package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskHighCardinalityKeys;
import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskLowCardinalityKeys;

/**
 * Default {@link TaskPublishObservationConvention}: observation
 * {@code fetchbox.task.publish}, span {@code task publish}.
 *
 * @since 0.1.0
 */
public class DefaultTaskPublishObservationConvention implements TaskPublishObservationConvention {

	/** Shared instance. */
	public static final DefaultTaskPublishObservationConvention INSTANCE = new DefaultTaskPublishObservationConvention();

	@Override
	public String getName() {
		return "fetchbox.task.publish";
	}

	@Override
	public String getContextualName(TaskPublishContext context) {
		return "task publish";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskPublishContext context) {
		return KeyValues.of(KeyValue.of(TaskLowCardinalityKeys.JOB_TYPE, JobKeyValues.orUnknown(context.getJobType())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskPublishContext context) {
		return KeyValues.of(KeyValue.of(TaskHighCardinalityKeys.JOB_ID, context.getJobId()),
				KeyValue.of(TaskHighCardinalityKeys.RESOURCE_ID, context.getResourceId()),
				KeyValue.of(TaskHighCardinalityKeys.TENANT, context.getTenant()));
	}

}
