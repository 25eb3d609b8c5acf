package io.fetchbox.sample.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of the {@code 202} answer to {@code POST /jobs}.
 *
 * @param jobId the job id
 * @param state {@code JOB_STATE_QUEUED}
 * @param resourcesTotal number of resources (one task each)
 */
record JobAccepted(@JsonProperty("job_id") String jobId, @JsonProperty("state") String state,
		@JsonProperty("resources_total") int resourcesTotal) {

}
