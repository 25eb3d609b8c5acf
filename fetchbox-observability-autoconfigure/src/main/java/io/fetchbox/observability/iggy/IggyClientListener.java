package io.fetchbox.observability.iggy;

import java.time.Duration;

/**
 * Callbacks from a {@link SupervisedIggyClient}, for metrics, health and consumers that
 * must re-join groups after a reconnect. Called on the client's own threads: keep them
 * short and never block.
 *
 * @since 0.1.0
 */
public interface IggyClientListener {

	/**
	 * The connection status changed.
	 * @param previous the previous state
	 * @param current the new state
	 */
	default void stateChanged(IggyConnectionState previous, IggyConnectionState current) {
	}

	/**
	 * A reconnection attempt is scheduled.
	 * @param attempt the attempt number, starting at 1 for the first retry
	 * @param delay the delay before the attempt
	 */
	default void reconnectScheduled(int attempt, Duration delay) {
	}

	/**
	 * A call failed or timed out and the SDK client was discarded.
	 * @param operation the operation name given to {@link SupervisedIggyClient#call}
	 * @param failure summary of the failure (no credentials)
	 */
	default void clientDiscarded(String operation, String failure) {
	}

}
