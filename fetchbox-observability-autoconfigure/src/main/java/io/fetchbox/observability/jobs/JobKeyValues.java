package io.fetchbox.observability.jobs;

import java.util.regex.Pattern;

/**
 * Normalisation of job type tag values: job types come from request bodies, so anything
 * that is not a short lowercase token is bucketed rather than becoming a new time series.
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

}
