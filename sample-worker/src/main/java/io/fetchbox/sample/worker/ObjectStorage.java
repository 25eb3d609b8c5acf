package io.fetchbox.sample.worker;

/**
 * Where downloaded objects are stored.
 */
interface ObjectStorage {

	/**
	 * Store an object, replacing any previous one under the key (a redelivered task
	 * stores the same object again).
	 * @param key the object key, made of safe path segments
	 * @param body the bytes
	 * @param contentType the content type
	 * @return where it went, for logs
	 * @throws DownloadFailure when the store fails
	 */
	String put(String key, byte[] body, String contentType) throws DownloadFailure;

	/**
	 * Build the object key of a task's resource: {@code tenant/job_id/resource_id}, each
	 * segment restricted to safe characters so no key escapes its prefix.
	 * @param tenant the tenant
	 * @param jobId the job id
	 * @param resourceId the resource id
	 * @return the key
	 */
	static String key(String tenant, String jobId, String resourceId) {
		return segment(tenant) + "/" + segment(jobId) + "/" + segment(resourceId);
	}

	private static String segment(String value) {
		String safe = value.replaceAll("[^A-Za-z0-9._:-]", "_");
		return (safe.isEmpty() || safe.chars().allMatch((c) -> c == '.')) ? "_" + safe : safe;
	}

}
