package io.fetchbox.sample.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample worker.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("fetchbox.sample.worker")
public class SampleWorkerProperties {

	/**
	 * Consumer group on the tasks topic.
	 */
	private String group = "workers";

	/**
	 * Largest number of tasks processed at once.
	 */
	private int maxInflightTasks = 8;

	/**
	 * Download attempts per task before it is dead-lettered.
	 */
	private int maxAttempts = 3;

	/**
	 * Pause before the first retry; doubled for each further one.
	 */
	private Duration retryBackoff = Duration.ofMillis(200);

	/**
	 * Longest pause between retries.
	 */
	private Duration maxRetryBackoff = Duration.ofSeconds(5);

	/**
	 * Time budget of one download attempt.
	 */
	private Duration downloadTimeout = Duration.ofSeconds(30);

	/**
	 * Time budget for connecting to an origin or proxy.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Largest object the worker downloads.
	 */
	private DataSize maxObjectSize = DataSize.ofMegabytes(100);

	/**
	 * How long a shutdown waits for in-flight tasks before abandoning them (they are
	 * delivered again).
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(20);

	/**
	 * Pause between polls of the tasks topic when it is idle.
	 */
	private Duration pollInterval = Duration.ofMillis(100);

	private final Proxy proxy = new Proxy();

	private final Storage storage = new Storage();

	public String getGroup() {
		return this.group;
	}

	public void setGroup(String group) {
		this.group = group;
	}

	public int getMaxInflightTasks() {
		return this.maxInflightTasks;
	}

	public void setMaxInflightTasks(int maxInflightTasks) {
		if (maxInflightTasks < 1) {
			throw new IllegalArgumentException("'fetchbox.sample.worker.max-inflight-tasks' must be at least 1");
		}
		this.maxInflightTasks = maxInflightTasks;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("'fetchbox.sample.worker.max-attempts' must be at least 1");
		}
		this.maxAttempts = maxAttempts;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Duration getMaxRetryBackoff() {
		return this.maxRetryBackoff;
	}

	public void setMaxRetryBackoff(Duration maxRetryBackoff) {
		this.maxRetryBackoff = maxRetryBackoff;
	}

	public Duration getDownloadTimeout() {
		return this.downloadTimeout;
	}

	public void setDownloadTimeout(Duration downloadTimeout) {
		this.downloadTimeout = downloadTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public DataSize getMaxObjectSize() {
		return this.maxObjectSize;
	}

	public void setMaxObjectSize(DataSize maxObjectSize) {
		this.maxObjectSize = maxObjectSize;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Storage getStorage() {
		return this.storage;
	}

	/**
	 * Proxy pools and which ones a download tries, in order.
	 */
	public static class Proxy {

		/**
		 * Proxy pools by name, each an HTTP proxy {@code host:port}; the pool named
		 * {@code direct} (always available) connects without a proxy.
		 */
		private Map<String, String> pools = new LinkedHashMap<>();

		/**
		 * Comma-separated list of pools tried in order when neither the task nor a route
		 * names any.
		 */
		private List<String> defaultOrder = new ArrayList<>(List.of("direct"));

		/**
		 * Pools to try, in order, by origin host name.
		 */
		private Map<String, List<String>> routes = new LinkedHashMap<>();

		public Map<String, String> getPools() {
			return this.pools;
		}

		public void setPools(Map<String, String> pools) {
			this.pools = pools;
		}

		public List<String> getDefaultOrder() {
			return this.defaultOrder;
		}

		public void setDefaultOrder(List<String> defaultOrder) {
			this.defaultOrder = defaultOrder;
		}

		public Map<String, List<String>> getRoutes() {
			return this.routes;
		}

		public void setRoutes(Map<String, List<String>> routes) {
			this.routes = routes;
		}

	}

	/**
	 * Where downloaded objects go.
	 */
	public static class Storage {

		/**
		 * Directory for objects when no S3 bucket is configured.
		 */
		private String localDir = "./data/objects";

		private final S3 s3 = new S3();

		public String getLocalDir() {
			return this.localDir;
		}

		public void setLocalDir(String localDir) {
			this.localDir = localDir;
		}

		public S3 getS3() {
			return this.s3;
		}

	}

	/**
	 * S3-compatible storage; used when a bucket is set.
	 */
	public static class S3 {

		/**
		 * Bucket name; S3 storage is used when set.
		 */
		private @Nullable String bucket;

		/**
		 * Endpoint override for S3-compatible servers, e.g.
		 * {@code http://localhost:9090}.
		 */
		private @Nullable String endpoint;

		/**
		 * Region.
		 */
		private String region = "us-east-1";

		/**
		 * Whether to use path-style addressing (most S3-compatible servers need it).
		 */
		private boolean pathStyle = true;

		/**
		 * Access key id; the SDK's default credentials chain when unset.
		 */
		private @Nullable String accessKey;

		/**
		 * Secret access key.
		 */
		private @Nullable String secretKey;

		public @Nullable String getBucket() {
			return this.bucket;
		}

		public void setBucket(@Nullable String bucket) {
			this.bucket = bucket;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public String getRegion() {
			return this.region;
		}

		public void setRegion(String region) {
			this.region = region;
		}

		public boolean isPathStyle() {
			return this.pathStyle;
		}

		public void setPathStyle(boolean pathStyle) {
			this.pathStyle = pathStyle;
		}

		public @Nullable String getAccessKey() {
			return this.accessKey;
		}

		public void setAccessKey(@Nullable String accessKey) {
			this.accessKey = accessKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		@Override
		public String toString() {
			return "S3[bucket=" + this.bucket + ", endpoint=" + this.endpoint + ", region=" + this.region
					+ ", accessKey=" + ((this.accessKey != null) ? "******" : null) + "]";
		}

	}

}
