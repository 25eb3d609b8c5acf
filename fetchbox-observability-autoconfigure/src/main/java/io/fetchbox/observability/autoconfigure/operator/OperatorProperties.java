package io.fetchbox.observability.autoconfigure.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.fetchbox.observability.operator.OperatorCredential;

/**
 * Operator surface properties ({@code fetchbox.telemetry.operator.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("fetchbox.telemetry.operator")
public class OperatorProperties {

	private final LogStream logStream = new LogStream();

	/**
	 * Operator credentials accepted by the operator endpoints, each HTTP basic (username
	 * and password) and/or a bearer token, optionally bound to one tenant.
	 */
	private List<Credential> credentials = new ArrayList<>();

	public LogStream getLogStream() {
		return this.logStream;
	}

	public List<Credential> getCredentials() {
		return this.credentials;
	}

	public void setCredentials(List<Credential> credentials) {
		this.credentials = credentials;
	}

	List<OperatorCredential> operatorCredentials() {
		List<OperatorCredential> result = new ArrayList<>();
		for (int i = 0; i < this.credentials.size(); i++) {
			Credential credential = this.credentials.get(i);
			String property = "fetchbox.telemetry.operator.credentials[" + i + "]";
			if (isEmpty(credential.getUsername())) {
				throw new IllegalStateException("'" + property + ".username' must be set");
			}
			if (isEmpty(credential.getPassword()) && isEmpty(credential.getToken())) {
				throw new IllegalStateException("'" + property + ".password' or '" + property + ".token' must be set");
			}
			String tenant = isEmpty(credential.getTenant()) || "*".equals(credential.getTenant()) ? null
					: credential.getTenant();
			result.add(new OperatorCredential(credential.getUsername(), emptyToNull(credential.getPassword()),
					emptyToNull(credential.getToken()), tenant));
		}
		return result;
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return isEmpty(value) ? null : value;
	}

	/**
	 * SSE log tail endpoint properties
	 * ({@code fetchbox.telemetry.operator.log-stream.*}).
	 */
	public static class LogStream {

		/**
		 * Whether to serve GET /operator/jobs/{jobId}/logs to operator credentials.
		 */
		private boolean enabled;

		/**
		 * Maximum number of log streams open at once; further requests get 429.
		 */
		private int maxStreams = 32;

		/**
		 * Longest silence on an idle stream before a heartbeat comment is sent; also
		 * bounds how long the stream of a departed client stays open.
		 */
		private Duration heartbeatInterval = Duration.ofSeconds(1);

		/**
		 * Longest wait between two reads of an idle job's partition.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Longest life of one stream; clients reconnect with Last-Event-ID.
		 */
		private Duration timeout = Duration.ofMinutes(30);

		/**
		 * Time budget for finding a job's tenant when no JobTenantResolver bean exists.
		 */
		private Duration tenantLookupTimeout = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(int maxStreams) {
			if (maxStreams < 1) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.operator.log-stream.max-streams' must be at least 1");
			}
			this.maxStreams = maxStreams;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			requirePositive(heartbeatInterval, "heartbeat-interval");
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			requirePositive(pollInterval, "poll-interval");
			this.pollInterval = pollInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			requirePositive(timeout, "timeout");
			this.timeout = timeout;
		}

		public Duration getTenantLookupTimeout() {
			return this.tenantLookupTimeout;
		}

		public void setTenantLookupTimeout(Duration tenantLookupTimeout) {
			requirePositive(tenantLookupTimeout, "tenant-lookup-timeout");
			this.tenantLookupTimeout = tenantLookupTimeout;
		}

		private static void requirePositive(Duration value, String name) {
			if (value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.operator.log-stream." + name + "' must be positive");
			}
		}

	}

	/**
	 * One operator credential ({@code fetchbox.telemetry.operator.credentials[n].*}).
	 */
	public static class Credential {

		/**
		 * User name for HTTP basic; also names the operator for token logins.
		 */
		private @Nullable String username;

		/**
		 * Password for HTTP basic, plain or encoded as '{bcrypt}...' (needs
		 * spring-security-crypto).
		 */
		private @Nullable String password;

		/**
		 * Bearer token accepted as 'Authorization: Bearer <token>'.
		 */
		private @Nullable String token;

		/**
		 * Only tenant whose jobs this credential may see; empty or '*' for all tenants.
		 */
		private @Nullable String tenant;

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getTenant() {
			return this.tenant;
		}

		public void setTenant(@Nullable String tenant) {
			this.tenant = tenant;
		}

		@Override
		public String toString() {
			return "Credential[username=" + this.username + ", tenant=" + this.tenant + ", secrets=******]";
		}

	}

}
