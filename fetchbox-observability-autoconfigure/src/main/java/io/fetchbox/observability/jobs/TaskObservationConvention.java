package io.fetchbox.observability.jobs;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code task} observation.
 *
 * @since 0.1.0
 */
public interface TaskObservationConvention extends ObservationConvention<TaskReceiverContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskReceiverContext;
	}

}
