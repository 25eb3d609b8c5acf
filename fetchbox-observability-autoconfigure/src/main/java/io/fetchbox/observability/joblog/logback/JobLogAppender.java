package io.fetchbox.observability.joblog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.joblog.DropPolicy;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;

/**
 * Logback appender that ships every event carrying a {@code job_id} to the job log
 * {@link JobLogPipeline}. It only maps the event and hands it over: no I/O, no locking
 * beyond the pipeline's short accounting lock, no logging of its own.
 * <p>
 * The starter installs it into the root logger. It can also be declared in
 * {@code logback-spring.xml}; settings given there ({@code scheduleDelay},
 * {@code maxBatchSize}, {@code maxQueueSize}, {@code maxQueueBytes}, {@code dropPolicy},
 * {@code shutdownGracePeriod}, {@code earlyBufferSize}) win over
 * {@code fetchbox.telemetry.joblog.*}.
 *
 * @since 0.1.0
 */
public class JobLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** Name of the appender the starter adds. */
	public static final String DEFAULT_NAME = "FETCHBOX_JOBLOG";

	private volatile @Nullable JobLogPipeline pipeline;

	private @Nullable Duration scheduleDelay;

	private @Nullable Integer maxBatchSize;

	private @Nullable Integer maxQueueSize;

	private @Nullable FileSize maxQueueBytes;

	private @Nullable DropPolicy dropPolicy;

	private @Nullable Duration shutdownGracePeriod;

	private @Nullable Integer earlyBufferSize;

	@Override
	protected void append(ILoggingEvent event) {
		JobLogPipeline target = this.pipeline;
		if (target == null) {
			return;
		}
		String jobId = JobLogEventMapper.jobId(event);
		if (jobId == null || target.rejectIfFull(JobLogEventMapper.isUrgent(event))) {
			return;
		}
		target.offer(JobLogEventMapper.map(event, jobId));
	}

	public @Nullable JobLogPipeline getPipeline() {
		return this.pipeline;
	}

	public void setPipeline(@Nullable JobLogPipeline pipeline) {
		this.pipeline = pipeline;
	}

	/**
	 * These settings with the ones given to this appender (e.g. in XML) applied on top.
	 * @param base the settings from properties
	 * @return the effective settings
	 */
	public JobLogSettings applyTo(JobLogSettings base) {
		return new JobLogSettings(
				(this.scheduleDelay != null) ? java.time.Duration.ofMillis(this.scheduleDelay.getMilliseconds())
						: base.scheduleDelay(),
				(this.maxBatchSize != null) ? this.maxBatchSize : base.maxBatchSize(),
				(this.maxQueueSize != null) ? this.maxQueueSize : base.maxQueueSize(),
				(this.maxQueueBytes != null) ? this.maxQueueBytes.getSize() : base.maxQueueBytes(),
				(this.dropPolicy != null) ? this.dropPolicy : base.dropPolicy(),
				(this.shutdownGracePeriod != null)
						? java.time.Duration.ofMillis(this.shutdownGracePeriod.getMilliseconds())
						: base.shutdownGracePeriod(),
				(this.earlyBufferSize != null) ? this.earlyBufferSize : base.earlyBufferSize());
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	public void setMaxBatchSize(int maxBatchSize) {
		this.maxBatchSize = maxBatchSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public void setMaxQueueBytes(FileSize maxQueueBytes) {
		this.maxQueueBytes = maxQueueBytes;
	}

	/**
	 * Set the drop policy: {@code drop-newest} or {@code drop-oldest}.
	 * @param dropPolicy the policy
	 */
	public void setDropPolicy(String dropPolicy) {
		this.dropPolicy = DropPolicy.of(dropPolicy);
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public void setEarlyBufferSize(int earlyBufferSize) {
		this.earlyBufferSize = earlyBufferSize;
	}

}
