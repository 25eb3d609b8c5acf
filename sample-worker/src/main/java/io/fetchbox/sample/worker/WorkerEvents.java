package io.fetchbox.sample.worker;

import java.time.Duration;

import io.fetchbox.observability.metrics.DownloadFailureCode;
import io.fetchbox.observability.metrics.QueueMetrics;
import io.fetchbox.observability.metrics.StorageFailureCode;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * What the worker reports to metrics beyond the task scope (which the starter measures
 * itself: in-flight gauge, task counter and duration): downloads, storage, proxies,
 * retries, dead letters, lag. The one place that talks to the starter's typed metrics
 * API; it maps the worker's failure codes onto the catalog's bounded label values.
 */
class WorkerEvents {

	private final WorkerMetrics worker;

	private final QueueMetrics queue;

	private final String tasksTopic;

	private final String group;

	WorkerEvents(WorkerMetrics worker, QueueMetrics queue, String tasksTopic, String group) {
		this.worker = worker;
		this.queue = queue;
		this.tasksTopic = tasksTopic;
		this.group = group;
	}

	void downloaded(Duration latency) {
		this.worker.downloadSucceeded(latency);
	}

	void downloadFailed(String code) {
		this.worker.downloadFailed(downloadCode(code));
	}

	void storageFailed(String code) {
		this.worker.storageFailed(storageCode(code));
	}

	void proxyPoolConfigured(String pool) {
		this.worker.proxyPoolConfigured(pool);
	}

	void proxyFailed(String pool) {
		this.worker.proxyFailed(pool);
	}

	void retried(String jobType) {
		this.worker.taskRetried(jobType);
	}

	void deadLettered() {
		this.worker.deadLettered();
	}

	void lag(long partitionId, long lag) {
		this.queue.lag(this.tasksTopic, partitionId, this.group, lag);
	}

	static DownloadFailureCode downloadCode(String code) {
		if (code.startsWith("http_")) {
			try {
				return DownloadFailureCode.forHttpStatus(Integer.parseInt(code.substring(5)));
			}
			catch (NumberFormatException ex) {
				return DownloadFailureCode.OTHER;
			}
		}
		return switch (code) {
			case "timeout" -> DownloadFailureCode.TIMEOUT;
			case "connect_failed", "io_error" -> DownloadFailureCode.CONNECTION;
			case "proxy_failed" -> DownloadFailureCode.PROXY;
			case "too_large" -> DownloadFailureCode.TOO_LARGE;
			case "invalid_url" -> DownloadFailureCode.INVALID_URL;
			default -> DownloadFailureCode.OTHER;
		};
	}

	static StorageFailureCode storageCode(String code) {
		return switch (code) {
			case "storage_io" -> StorageFailureCode.IO_ERROR;
			case "s3_403" -> StorageFailureCode.ACCESS_DENIED;
			case "s3_404" -> StorageFailureCode.BUCKET_NOT_FOUND;
			case "s3_io" -> StorageFailureCode.UNAVAILABLE;
			default -> code.startsWith("s3_5") ? StorageFailureCode.UNAVAILABLE : StorageFailureCode.OTHER;
		};
	}

}
