package io.fetchbox.observability.joblog;

import java.time.Duration;

/**
 * Tuning of a {@link JobLogPipeline}.
 *
 * @param scheduleDelay longest time a record waits before its job's batch is sent
 * @param maxBatchSize most records in one send request
 * @param maxQueueSize most records buffered (waiting or being sent)
 * @param maxQueueBytes most bytes buffered, estimated from the records' content
 * @param dropPolicy what to drop when full
 * @param shutdownGracePeriod how long shutdown waits for buffered records to be delivered
 * @param earlyBufferSize most records kept before a transport is attached
 * @since 0.1.0
 */
public record JobLogSettings(Duration scheduleDelay, int maxBatchSize, int maxQueueSize, long maxQueueBytes,
		DropPolicy dropPolicy, Duration shutdownGracePeriod, int earlyBufferSize) {

	/**
	 * The defaults of {@code fetchbox.telemetry.joblog.*}, for a pipeline built without
	 * Spring Boot. The properties class repeats them as literals, the only form the
	 * configuration processor writes into the metadata; a test keeps the two equal.
	 */
	public static final JobLogSettings DEFAULT = new JobLogSettings(Duration.ofMillis(200), 512, 10_000,
			16L * 1024 * 1024, DropPolicy.DROP_NEWEST, Duration.ofSeconds(10), 1_000);

	public JobLogSettings {
		if (scheduleDelay.isNegative() || scheduleDelay.isZero()) {
			throw new IllegalArgumentException("'scheduleDelay' must be positive");
		}
		if (maxBatchSize < 1 || maxQueueSize < 1 || maxQueueBytes < 1 || earlyBufferSize < 0) {
			throw new IllegalArgumentException("Sizes must be positive");
		}
		if (shutdownGracePeriod.isNegative()) {
			throw new IllegalArgumentException("'shutdownGracePeriod' must not be negative");
		}
	}

}
