package io.fetchbox.observability.jobs;

import io.micrometer.common.KeyValues;

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
		return JobKeyValues.lowCardinality(context.getTask().getJobType(), context.getOutcome(),
				context.isTracePresent());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskReceiverContext context) {
		DownloadTask task = context.getTask();
		return JobKeyValues.highCardinality(task.getJobId(), task.getResourceId(), task.getTenant());
	}

}
