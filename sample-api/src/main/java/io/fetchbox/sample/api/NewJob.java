package io.fetchbox.sample.api;

import java.util.List;
import java.util.Map;

/**
 * A validated job, ready for the ledger and the task topic.
 *
 * @param jobId the generated job id
 * @param jobType the job type
 * @param tenant the tenant
 * @param resources the resources
 */
record NewJob(String jobId, String jobType, String tenant, List<Resource> resources) {

	record Resource(String resourceId, String url, Map<String, String> headers) {

	}

}
