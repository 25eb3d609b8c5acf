package io.fetchbox.observability.autoconfigure.joblog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.fetchbox.observability.joblog.DropPolicy;
import io.fetchbox.observability.joblog.JobLogSettings;

/**
 * The {@code jobs.logs} appender. The defaults are literals so that the configuration
 * processor puts them into the metadata; they equal {@link JobLogSettings#DEFAULT}
 * (checked by a test).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(JobLogProperties.PREFIX)
public class JobLogProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.joblog";

	/**
	 * Whether to ship log events that carry a job_id to the jobs.logs topic.
	 */
	private boolean enabled = true;

	/**
	 * Longest time a record waits before its job's batch is sent.
	 */
	private Duration scheduleDelay = Duration.ofMillis(200);

	/**
	 * Maximum number of records in one send request.
	 */
	private int maxBatchSize = 512;

	/**
	 * Maximum number of records buffered, including those being sent or retried.
	 */
	private int maxQueueSize = 10_000;

	/**
	 * Maximum estimated size of the buffered records.
	 */
	private DataSize maxQueueBytes = DataSize.ofMegabytes(16);

	/**
	 * What to drop when the buffer is full: drop-newest or drop-oldest.
	 */
	private DropPolicy dropPolicy = DropPolicy.DROP_NEWEST;

	/**
	 * How long shutdown waits for buffered records to be delivered.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	/**
	 * Maximum number of records kept from before the Iggy client is ready.
	 */
	private int earlyBufferSize = 1_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		if (scheduleDelay == null || scheduleDelay.isNegative() || scheduleDelay.isZero()) {
			throw new IllegalArgumentException("'" + PREFIX + ".schedule-delay' must be positive");
		}
		this.scheduleDelay = scheduleDelay;
	}

	public int getMaxBatchSize() {
		return this.maxBatchSize;
	}

	public void setMaxBatchSize(int maxBatchSize) {
		if (maxBatchSize < 1) {
			throw new IllegalArgumentException("'" + PREFIX + ".max-batch-size' must be at least 1");
		}
		this.maxBatchSize = maxBatchSize;
	}

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		if (maxQueueSize < 1) {
			throw new IllegalArgumentException("'" + PREFIX + ".max-queue-size' must be at least 1");
		}
		this.maxQueueSize = maxQueueSize;
	}

	public DataSize getMaxQueueBytes() {
		return this.maxQueueBytes;
	}

	public void setMaxQueueBytes(DataSize maxQueueBytes) {
		if (maxQueueBytes == null || maxQueueBytes.toBytes() < 1) {
			throw new IllegalArgumentException("'" + PREFIX + ".max-queue-bytes' must be positive");
		}
		this.maxQueueBytes = maxQueueBytes;
	}

	public DropPolicy getDropPolicy() {
		return this.dropPolicy;
	}

	public void setDropPolicy(DropPolicy dropPolicy) {
		this.dropPolicy = dropPolicy;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		if (shutdownGracePeriod == null || shutdownGracePeriod.isNegative()) {
			throw new IllegalArgumentException("'" + PREFIX + ".shutdown-grace-period' must not be negative");
		}
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public int getEarlyBufferSize() {
		return this.earlyBufferSize;
	}

	public void setEarlyBufferSize(int earlyBufferSize) {
		if (earlyBufferSize < 0) {
			throw new IllegalArgumentException("'" + PREFIX + ".early-buffer-size' must not be negative");
		}
		this.earlyBufferSize = earlyBufferSize;
	}

	/**
	 * Pipeline settings from these properties.
	 * @return the settings
	 */
	public JobLogSettings toSettings() {
		return new JobLogSettings(this.scheduleDelay, this.maxBatchSize, this.maxQueueSize,
				this.maxQueueBytes.toBytes(), this.dropPolicy, this.shutdownGracePeriod, this.earlyBufferSize);
	}

}
