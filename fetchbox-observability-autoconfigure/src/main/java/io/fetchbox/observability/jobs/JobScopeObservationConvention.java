package io.fetchbox.observability.jobs;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code job} observation of
 * {@link JobScopes#open(JobContext)}.
 *
 * @since 0.1.0
 */
public interface JobScopeObservationConvention extends ObservationConvention<JobScopeContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof JobScopeContext;
	}

}
