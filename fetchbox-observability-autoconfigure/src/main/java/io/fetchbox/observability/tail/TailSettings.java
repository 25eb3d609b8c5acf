package io.fetchbox.observability.tail;

import java.time.Duration;

/**
 * Tuning of a {@link JobTailer}.
 *
 * @param batchSize messages per poll
 * @param minIdleDelay first wait after catching up; doubles while idle
 * @param maxIdleDelay longest wait between polls while idle, and after a failed read
 * @param workerThreads maximum threads delivering messages to listeners
 * @since 0.1.0
 */
public record TailSettings(int batchSize, Duration minIdleDelay, Duration maxIdleDelay, int workerThreads) {

	/** Defaults: 500 messages per poll, 50ms to 1s idle back-off, 4 worker threads. */
	public static final TailSettings DEFAULTS = new TailSettings(500, Duration.ofMillis(50), Duration.ofSeconds(1), 4);

	public TailSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("'batchSize' must be at least 1");
		}
		if (minIdleDelay.isNegative() || minIdleDelay.compareTo(maxIdleDelay) > 0) {
			throw new IllegalArgumentException("'minIdleDelay' must be between 0 and 'maxIdleDelay'");
		}
		if (workerThreads < 1) {
			throw new IllegalArgumentException("'workerThreads' must be at least 1");
		}
	}

}
