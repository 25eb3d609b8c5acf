package io.fetchbox.sample.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code GET /jobs/{job_id}}: the job as the ledger knows it.
 *
 * @param jobId the job id
 * @param jobType the job type
 * @param tenant the tenant
 * @param state a {@code JobState} name
 * @param resourcesTotal number of resources
 * @param resourcesCompleted resources downloaded and stored
 * @param resourcesFailed resources that failed for good
 * @param lastErrorCode code of the last failure
 * @param lastErrorMessage message of the last failure
 */
record JobSnapshot(@JsonProperty("job_id") String jobId, @JsonProperty("job_type") String jobType,
		@JsonProperty("tenant") String tenant, @JsonProperty("state") String state,
		@JsonProperty("resources_total") int resourcesTotal,
		@JsonProperty("resources_completed") int resourcesCompleted,
		@JsonProperty("resources_failed") int resourcesFailed,
		@JsonProperty("last_error_code") @Nullable String lastErrorCode,
		@JsonProperty("last_error_message") @Nullable String lastErrorMessage) {

}
