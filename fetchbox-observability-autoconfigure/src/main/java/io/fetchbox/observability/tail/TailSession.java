package io.fetchbox.observability.tail;

import java.util.concurrent.CompletableFuture;

/**
 * A running tail. Stopping it releases everything it holds: it owns no client and no
 * thread of its own.
 *
 * @since 0.1.0
 */
public interface TailSession extends AutoCloseable {

	/**
	 * Stop reading; idempotent. The listener gets no further messages once a callback in
	 * progress returns.
	 */
	void stop();

	/**
	 * Completes when the session has ended, exceptionally when it failed.
	 * @return the completion
	 */
	CompletableFuture<Void> completion();

	/**
	 * Partition the job's messages live in, once known.
	 * @return the partition id, or -1 before the topic was looked up
	 */
	long partition();

	/**
	 * How many of the job's messages were read so far, before any decoding or filtering
	 * by the caller.
	 * @return the count
	 */
	long jobMessages();

	@Override
	default void close() {
		stop();
	}

}
