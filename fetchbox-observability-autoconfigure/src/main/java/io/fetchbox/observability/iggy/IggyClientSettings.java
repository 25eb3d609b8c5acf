package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable connection settings of a {@link SupervisedIggyClient}. A personal access
 * token, when set, is used instead of username and password. {@link #toString()} never
 * shows a secret.
 *
 * @since 0.1.0
 */
public final class IggyClientSettings {

	private final String host;

	private final int port;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String personalAccessToken;

	private final Duration requestTimeout;

	private final Duration connectTimeout;

	private final IggyBackoff backoff;

	private final @Nullable Integer connectionPoolSize;

	private final Duration outageReminderInterval;

	private IggyClientSettings(Builder builder) {
		this.host = builder.host;
		this.port = builder.port;
		this.username = builder.username;
		this.password = builder.password;
		this.personalAccessToken = builder.personalAccessToken;
		this.requestTimeout = builder.requestTimeout;
		this.connectTimeout = builder.connectTimeout;
		this.backoff = builder.backoff;
		this.connectionPoolSize = builder.connectionPoolSize;
		this.outageReminderInterval = builder.outageReminderInterval;
	}

	/**
	 * Start building settings with the defaults ({@code 127.0.0.1:8090}, {@code iggy} /
	 * {@code iggy}, 5 s request timeout, 3 s connect timeout).
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder initialised from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder().host(this.host)
			.port(this.port)
			.requestTimeout(this.requestTimeout)
			.connectTimeout(this.connectTimeout)
			.backoff(this.backoff)
			.connectionPoolSize(this.connectionPoolSize)
			.outageReminderInterval(this.outageReminderInterval);
		builder.username = this.username;
		builder.password = this.password;
		builder.personalAccessToken = this.personalAccessToken;
		return builder;
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/**
	 * {@code host:port} of the server.
	 * @return the address
	 */
	public String address() {
		return this.host + ":" + this.port;
	}

	public @Nullable String username() {
		return this.username;
	}

	public @Nullable String password() {
		return this.password;
	}

	public @Nullable String personalAccessToken() {
		return this.personalAccessToken;
	}

	/**
	 * Whether a personal access token is used instead of username and password.
	 * @return whether a token is set
	 */
	public boolean usesPersonalAccessToken() {
		return this.personalAccessToken != null && !this.personalAccessToken.isBlank();
	}

	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	public IggyBackoff backoff() {
		return this.backoff;
	}

	/**
	 * Maximum number of pooled TCP connections, or {@code null} for the SDK default (5).
	 * @return the pool size
	 */
	public @Nullable Integer connectionPoolSize() {
		return this.connectionPoolSize;
	}

	/**
	 * Shortest time between two log lines about the same broker outage.
	 * @return the reminder interval
	 */
	public Duration outageReminderInterval() {
		return this.outageReminderInterval;
	}

	@Override
	public String toString() {
		return "IggyClientSettings[address=" + address() + ", auth="
				+ (usesPersonalAccessToken() ? "personal-access-token" : "username " + this.username)
				+ ", password=******, requestTimeout=" + this.requestTimeout + ", connectTimeout=" + this.connectTimeout
				+ ", backoff=" + this.backoff + ", connectionPoolSize=" + this.connectionPoolSize + "]";
	}

	/**
	 * Builder of {@link IggyClientSettings}.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port = 8090;

		private @Nullable String username = "iggy";

		private @Nullable String password = "iggy";

		private @Nullable String personalAccessToken;

		private Duration requestTimeout = Duration.ofSeconds(5);

		private Duration connectTimeout = Duration.ofSeconds(3);

		private IggyBackoff backoff = IggyBackoff.DEFAULT;

		private @Nullable Integer connectionPoolSize;

		private Duration outageReminderInterval = Duration.ofSeconds(60);

		private Builder() {
		}

		public Builder host(String host) {
			if (host.isBlank()) {
				throw new IllegalArgumentException("'host' must not be blank");
			}
			this.host = host;
			return this;
		}

		public Builder port(int port) {
			if (port <= 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 1 and 65535");
			}
			this.port = port;
			return this;
		}

		/**
		 * Set host and port from {@code host:port}.
		 * @param address the address
		 * @return this builder
		 */
		public Builder address(String address) {
			IggyAddress parsed = IggyAddress.parse(address);
			return host(parsed.host()).port(parsed.port());
		}

		public Builder credentials(@Nullable String username, @Nullable String password) {
			this.username = username;
			this.password = password;
			return this;
		}

		public Builder personalAccessToken(@Nullable String personalAccessToken) {
			this.personalAccessToken = personalAccessToken;
			return this;
		}

		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		public Builder backoff(IggyBackoff backoff) {
			this.backoff = Objects.requireNonNull(backoff, "'backoff' must not be null");
			return this;
		}

		public Builder connectionPoolSize(@Nullable Integer connectionPoolSize) {
			if (connectionPoolSize != null && connectionPoolSize < 1) {
				throw new IllegalArgumentException("'connectionPoolSize' must be at least 1");
			}
			this.connectionPoolSize = connectionPoolSize;
			return this;
		}

		public Builder outageReminderInterval(Duration outageReminderInterval) {
			this.outageReminderInterval = positive(outageReminderInterval, "outageReminderInterval");
			return this;
		}

		public IggyClientSettings build() {
			boolean token = this.personalAccessToken != null && !this.personalAccessToken.isBlank();
			if (!token && (this.username == null || this.username.isBlank() || this.password == null)) {
				throw new IllegalArgumentException(
						"Either username and password or a personal access token is required");
			}
			return new IggyClientSettings(this);
		}

		private static Duration positive(Duration duration, String name) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("'" + name + "' must be positive");
			}
			return duration;
		}

	}

}
