package io.fetchbox.observability.tail;

import org.jspecify.annotations.Nullable;

/**
 * Receives a job's decoded log records; callbacks of one session never overlap.
 *
 * @since 0.1.0
 * @see JobLogTail
 */
public interface JobLogTailListener {

	/**
	 * A new record of the job (duplicates and records below the minimum level removed).
	 * @param record the record
	 * @throws Exception to stop the session
	 */
	void onRecord(TailedJobLog record) throws Exception;

	/**
	 * Caught up while following; about to wait for more.
	 * @throws Exception to stop the session
	 */
	default void onIdle() throws Exception {
	}

	/**
	 * A read failed while following; retrying after a back-off.
	 * @param error the failure
	 * @throws Exception to stop the session
	 */
	default void onRetry(Throwable error) throws Exception {
	}

	/**
	 * The session ended; called once.
	 * @param error the failure, or {@code null}
	 */
	default void onEnd(@Nullable Throwable error) {
	}

}
