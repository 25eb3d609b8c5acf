package io.fetchbox.sample.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /jobs}. Every field is nullable here: {@link JobRequestValidator}
 * names the missing or invalid field in the problem details.
 *
 * @param jobType the job type
 * @param tenant the tenant
 * @param resources the resources to download
 */
record JobRequest(@JsonProperty("job_type") @Nullable String jobType, @JsonProperty("tenant") @Nullable String tenant,
		@JsonProperty("resources") @Nullable List<@Nullable Resource> resources) {

	/**
	 * One resource of a job.
	 *
	 * @param resourceId optional caller-chosen id, unique within the job
	 * @param url the URL to download
	 * @param headers HTTP headers to send
	 */
	record Resource(@JsonProperty("resource_id") @Nullable String resourceId, @JsonProperty("url") @Nullable String url,
			@JsonProperty("headers") @Nullable Map<String, String> headers) {

	}

}
