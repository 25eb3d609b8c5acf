package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskHighCardinalityKeys;
import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskLowCardinalityKeys;

/**
 * Default {@link TaskPublishObservationConvention}: observation
 * {@code fetchbox.task.publish}, span {@code task publish} (or {@code status publish},
 * {@code dead letter publish} for the reports about a task).
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
		return switch (context.getMessageType()) {
			case "DownloadTask" -> "task publish";
			case "JobStatus" -> "status publish";
			case "DeadLetterTask" -> "dead letter publish";
			default -> "message publish";
		};
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskPublishContext context) {
		return KeyValues.of(KeyValue.of(TaskLowCardinalityKeys.JOB_TYPE, JobKeyValues.orUnknown(context.getJobType())),
				KeyValue.of(TaskLowCardinalityKeys.MESSAGE_TYPE, context.getMessageType()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskPublishContext context) {
		return KeyValues.of(KeyValue.of(TaskHighCardinalityKeys.JOB_ID, context.getJobId()),
				KeyValue.of(TaskHighCardinalityKeys.RESOURCE_ID, context.getResourceId()),
				KeyValue.of(TaskHighCardinalityKeys.TENANT, context.getTenant()));
	}

}
