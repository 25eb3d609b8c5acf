package io.fetchbox.observability.jobs;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code task.publish} observation.
 *
 * @since 0.1.0
 */
public interface TaskPublishObservationConvention extends ObservationConvention<TaskPublishContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskPublishContext;
	}

}
