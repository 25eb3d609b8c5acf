package io.fetchbox.sample.worker;

import java.time.Duration;

/**
 * What the worker reports to metrics beyond the task scope (which the starter measures
 * itself): downloads, storage, proxies, retries, dead letters, lag. The one place that
 * talks to the starter's typed metrics API.
 */
class WorkerEvents {

	void downloaded(Duration latency) {
	}

	void downloadFailed(String code) {
	}

	void storageFailed(String code) {
	}

	void proxyFailed(String pool) {
	}

	void retried(String jobType) {
	}

	void deadLettered() {
	}

	void lag(long partitionId, long lag) {
	}

}
