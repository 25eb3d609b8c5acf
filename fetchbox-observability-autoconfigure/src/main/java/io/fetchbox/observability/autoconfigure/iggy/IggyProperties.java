package io.fetchbox.observability.autoconfigure.iggy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.fetchbox.observability.iggy.IggyAddress;
import io.fetchbox.observability.iggy.IggyBackoff;
import io.fetchbox.observability.iggy.IggyClientSettings;
import io.fetchbox.observability.iggy.IggyTopology;

/**
 * Connection to Apache Iggy and FetchBox's stream and topics.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("fetchbox.telemetry.iggy")
public class IggyProperties {

	/**
	 * Iggy TCP address, as host:port.
	 */
	private String address = "127.0.0.1:8090";

	/**
	 * Username to log in with.
	 */
	private String username = "iggy";

	/**
	 * Password to log in with.
	 */
	private String password = "iggy";

	/**
	 * Personal access token to log in with instead of username and password.
	 */
	private @Nullable String personalAccessToken;

	/**
	 * Name of the stream holding FetchBox's topics.
	 */
	private String stream = "fetchbox";

	/**
	 * Topic names.
	 */
	private final Topics topics = new Topics();

	/**
	 * Partition counts used when provisioning the topics.
	 */
	private final Partitions partitions = new Partitions();

	/**
	 * Time limit of every Iggy call; a call that exceeds it discards the connection.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	/**
	 * Time limit of establishing a TCP connection.
	 */
	private Duration connectTimeout = Duration.ofSeconds(3);

	/**
	 * Reconnection backoff.
	 */
	private final Backoff backoff = new Backoff();

	/**
	 * Shortest time between two log lines about the same broker outage (a WARN when it
	 * starts, reminders with the number of failed attempts, an INFO when it ends).
	 */
	private Duration outageLogInterval = Duration.ofSeconds(60);

	/**
	 * Whether to create the stream and topics when they are missing.
	 */
	private boolean provision = true;

	public String getAddress() {
		return this.address;
	}

	public void setAddress(String address) {
		try {
			IggyAddress.parse(address);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"'fetchbox.telemetry.iggy.address' must be host:port: " + ex.getMessage());
		}
		this.address = address;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public @Nullable String getPersonalAccessToken() {
		return this.personalAccessToken;
	}

	public void setPersonalAccessToken(@Nullable String personalAccessToken) {
		this.personalAccessToken = personalAccessToken;
	}

	public String getStream() {
		return this.stream;
	}

	public void setStream(String stream) {
		requireName(stream, "fetchbox.telemetry.iggy.stream");
		this.stream = stream;
	}

	public Topics getTopics() {
		return this.topics;
	}

	public Partitions getPartitions() {
		return this.partitions;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		requirePositive(requestTimeout, "fetchbox.telemetry.iggy.request-timeout");
		this.requestTimeout = requestTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		requirePositive(connectTimeout, "fetchbox.telemetry.iggy.connect-timeout");
		this.connectTimeout = connectTimeout;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public Duration getOutageLogInterval() {
		return this.outageLogInterval;
	}

	public void setOutageLogInterval(Duration outageLogInterval) {
		requirePositive(outageLogInterval, "fetchbox.telemetry.iggy.outage-log-interval");
		this.outageLogInterval = outageLogInterval;
	}

	public boolean isProvision() {
		return this.provision;
	}

	public void setProvision(boolean provision) {
		this.provision = provision;
	}

	/**
	 * Client settings from these properties.
	 * @return the settings
	 */
	public IggyClientSettings toClientSettings() {
		return IggyClientSettings.builder()
			.address(this.address)
			.credentials(this.username, this.password)
			.personalAccessToken(this.personalAccessToken)
			.requestTimeout(this.requestTimeout)
			.connectTimeout(this.connectTimeout)
			.backoff(this.backoff.toBackoff())
			.outageReminderInterval(this.outageLogInterval)
			.build();
	}

	/**
	 * Topology from these properties.
	 * @return the topology
	 */
	public IggyTopology toTopology() {
		return new IggyTopology(this.stream, new IggyTopology.Topic(this.topics.tasks, this.partitions.tasks),
				new IggyTopology.Topic(this.topics.status, this.partitions.status),
				new IggyTopology.Topic(this.topics.logs, this.partitions.logs),
				new IggyTopology.Topic(this.topics.dlq, this.partitions.dlq));
	}

	static void requireName(String name, String property) {
		if (name == null || name.isBlank() || name.length() > 255) {
			throw new IllegalArgumentException("'" + property + "' must be 1 to 255 characters");
		}
	}

	static void requirePositive(Duration duration, String property) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("'" + property + "' must be positive");
		}
	}

	static int requirePartitions(int partitions, String property) {
		if (partitions < 1) {
			throw new IllegalArgumentException("'" + property + "' must be at least 1");
		}
		return partitions;
	}

	/**
	 * Topic names.
	 */
	public static class Topics {

		/**
		 * Topic of DownloadTask messages.
		 */
		private String tasks = "jobs.tasks";

		/**
		 * Topic of JobStatus messages.
		 */
		private String status = "jobs.status";

		/**
		 * Topic of JobLog messages.
		 */
		private String logs = "jobs.logs";

		/**
		 * Topic of DeadLetterTask messages.
		 */
		private String dlq = "jobs.dlq";

		public String getTasks() {
			return this.tasks;
		}

		public void setTasks(String tasks) {
			requireName(tasks, "fetchbox.telemetry.iggy.topics.tasks");
			this.tasks = tasks;
		}

		public String getStatus() {
			return this.status;
		}

		public void setStatus(String status) {
			requireName(status, "fetchbox.telemetry.iggy.topics.status");
			this.status = status;
		}

		public String getLogs() {
			return this.logs;
		}

		public void setLogs(String logs) {
			requireName(logs, "fetchbox.telemetry.iggy.topics.logs");
			this.logs = logs;
		}

		public String getDlq() {
			return this.dlq;
		}

		public void setDlq(String dlq) {
			requireName(dlq, "fetchbox.telemetry.iggy.topics.dlq");
			this.dlq = dlq;
		}

	}

	/**
	 * Partition counts.
	 */
	public static class Partitions {

		/**
		 * Partitions of the tasks topic.
		 */
		private int tasks = 8;

		/**
		 * Partitions of the status topic.
		 */
		private int status = 4;

		/**
		 * Partitions of the logs topic.
		 */
		private int logs = 4;

		/**
		 * Partitions of the dead-letter topic.
		 */
		private int dlq = 2;

		public int getTasks() {
			return this.tasks;
		}

		public void setTasks(int tasks) {
			this.tasks = requirePartitions(tasks, "fetchbox.telemetry.iggy.partitions.tasks");
		}

		public int getStatus() {
			return this.status;
		}

		public void setStatus(int status) {
			this.status = requirePartitions(status, "fetchbox.telemetry.iggy.partitions.status");
		}

		public int getLogs() {
			return this.logs;
		}

		public void setLogs(int logs) {
			this.logs = requirePartitions(logs, "fetchbox.telemetry.iggy.partitions.logs");
		}

		public int getDlq() {
			return this.dlq;
		}

		public void setDlq(int dlq) {
			this.dlq = requirePartitions(dlq, "fetchbox.telemetry.iggy.partitions.dlq");
		}

	}

	/**
	 * Reconnection backoff.
	 */
	public static class Backoff {

		/**
		 * Delay before the first reconnection attempt.
		 */
		private Duration initial = Duration.ofMillis(200);

		/**
		 * Upper bound of the delay between reconnection attempts.
		 */
		private Duration max = Duration.ofSeconds(10);

		/**
		 * Factor by which the delay grows after each failed attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Fraction of each delay that is randomised, between 0 and 1.
		 */
		private double jitter = 0.2;

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			requirePositive(initial, "fetchbox.telemetry.iggy.backoff.initial");
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			requirePositive(max, "fetchbox.telemetry.iggy.backoff.max");
			this.max = max;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			if (multiplier < 1.0) {
				throw new IllegalArgumentException("'fetchbox.telemetry.iggy.backoff.multiplier' must be at least 1");
			}
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			if (jitter < 0.0 || jitter > 1.0) {
				throw new IllegalArgumentException("'fetchbox.telemetry.iggy.backoff.jitter' must be between 0 and 1");
			}
			this.jitter = jitter;
		}

		IggyBackoff toBackoff() {
			if (this.max.compareTo(this.initial) < 0) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.iggy.backoff.max' must not be less than 'fetchbox.telemetry.iggy.backoff.initial'");
			}
			return new IggyBackoff(this.initial, this.max, this.multiplier, this.jitter);
		}

	}

}
