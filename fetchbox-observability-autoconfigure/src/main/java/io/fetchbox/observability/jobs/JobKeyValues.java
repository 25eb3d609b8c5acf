package io.fetchbox.observability.jobs;

import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskHighCardinalityKeys;
import io.fetchbox.observability.jobs.JobObservationDocumentation.TaskLowCardinalityKeys;

/**
 * The key values of the job and task observations, and the normalisation of job type tag
 * values: job types come from request bodies, so anything that is not a short lowercase
 * token is bucketed rather than becoming a new time series.
 */
final class JobKeyValues {

	private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	private JobKeyValues() {
	}

	static String orUnknown(String jobType) {
		if (jobType.isEmpty()) {
			return "unknown";
		}
		return TOKEN.matcher(jobType).matches() ? jobType : "other";
	}

	static KeyValues lowCardinality(String jobType, @Nullable TaskOutcome outcome, boolean tracePresent) {
		return KeyValues.of(KeyValue.of(TaskLowCardinalityKeys.JOB_TYPE, orUnknown(jobType)),
				KeyValue.of(TaskLowCardinalityKeys.OUTCOME, (outcome != null) ? outcome.tagValue() : "unknown"),
				KeyValue.of(TaskLowCardinalityKeys.TRACE, tracePresent ? "present" : "missing"));
	}

	static KeyValues highCardinality(String jobId, String resourceId, String tenant) {
		return KeyValues.of(KeyValue.of(TaskHighCardinalityKeys.JOB_ID, jobId),
				KeyValue.of(TaskHighCardinalityKeys.RESOURCE_ID, resourceId),
				KeyValue.of(TaskHighCardinalityKeys.TENANT, tenant));
	}

}
