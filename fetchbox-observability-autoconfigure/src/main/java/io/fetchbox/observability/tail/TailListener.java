package io.fetchbox.observability.tail;

import org.jspecify.annotations.Nullable;

/**
 * Receives a tail's messages. All callbacks of one session run one at a time, on the
 * tailer's worker threads, never on a network thread. A callback that throws stops the
 * session (that is how a disconnected SSE client ends its stream).
 *
 * @since 0.1.0
 */
public interface TailListener {

	/**
	 * A message of the job, in partition order.
	 * @param message the message
	 * @throws Exception to stop the session
	 */
	void onMessage(JobMessage message) throws Exception;

	/**
	 * The tail has caught up and is about to wait for new messages (follow mode only).
	 * @throws Exception to stop the session
	 */
	default void onIdle() throws Exception {
	}

	/**
	 * A read failed while following; the tail retries after a back-off.
	 * @param error the failure
	 * @throws Exception to stop the session
	 */
	default void onRetry(Throwable error) throws Exception {
	}

	/**
	 * The session ended: caught up (not following), stopped, or failed. Called once.
	 * @param error the failure, or {@code null}
	 */
	default void onEnd(@Nullable Throwable error) {
	}

}
