package io.fetchbox.observability.iggy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Snapshot of a {@link SupervisedIggyClient}'s connection.
 *
 * @param status current status
 * @param since when the client entered this status
 * @param lastError summary of the last failure (exception type and message, never
 * credentials), or {@code null}
 * @since 0.1.0
 */
public record IggyConnectionState(Status status, Instant since, @Nullable String lastError) {

	/**
	 * Connection status.
	 */
	public enum Status {

		/** Never connected yet; the first attempt is under way. */
		CONNECTING,

		/**
		 * Connected and authenticated (and, when asked for, the topology is provisioned).
		 */
		UP,

		/** Not usable; reconnecting with backoff. */
		DOWN

	}

	/**
	 * Whether the client is connected and authenticated.
	 * @return {@code true} when {@link Status#UP}
	 */
	public boolean isUp() {
		return this.status == Status.UP;
	}

}
