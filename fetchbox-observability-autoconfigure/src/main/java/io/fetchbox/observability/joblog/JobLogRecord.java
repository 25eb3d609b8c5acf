package io.fetchbox.observability.joblog;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.LogLevel;

/**
 * One log event of a job, captured on the application thread and immutable from then on
 * (apart from the per-job sequence number the pipeline assigns when it accepts it).
 *
 * @since 0.1.0
 */
public final class JobLogRecord {

	private static final int FIXED_OVERHEAD = 96;

	private final String jobId;

	private final @Nullable String resourceId;

	private final LogLevel level;

	private final String message;

	private final long timestampMs;

	private final @Nullable String traceId;

	private final @Nullable String spanId;

	private final boolean sampled;

	private final String logger;

	private final String thread;

	private final Map<String, String> context;

	private final Map<String, String> extra;

	private final int estimatedBytes;

	private long seq;

	private JobLogRecord(Builder builder) {
		this.jobId = builder.jobId;
		this.resourceId = builder.resourceId;
		this.level = builder.level;
		this.message = builder.message;
		this.timestampMs = builder.timestampMs;
		this.traceId = builder.traceId;
		this.spanId = builder.spanId;
		this.sampled = builder.sampled;
		this.logger = builder.logger;
		this.thread = builder.thread;
		this.context = builder.context;
		this.extra = builder.extra;
		this.estimatedBytes = estimate(builder.contextBytes);
	}

	/**
	 * Start a record.
	 * @param jobId the job id
	 * @param level the level
	 * @param message the formatted message
	 * @return a builder
	 */
	public static Builder builder(String jobId, LogLevel level, String message) {
		return new Builder(jobId, level, message);
	}

	public String jobId() {
		return this.jobId;
	}

	public @Nullable String resourceId() {
		return this.resourceId;
	}

	public LogLevel level() {
		return this.level;
	}

	/**
	 * Whether the record is WARN or above, which flushes its job at once and is preferred
	 * when dropping.
	 * @return whether WARN or ERROR
	 */
	public boolean isUrgent() {
		return this.level == LogLevel.LOG_LEVEL_WARN || this.level == LogLevel.LOG_LEVEL_ERROR;
	}

	public String message() {
		return this.message;
	}

	public long timestampMs() {
		return this.timestampMs;
	}

	public @Nullable String traceId() {
		return this.traceId;
	}

	public @Nullable String spanId() {
		return this.spanId;
	}

	public boolean sampled() {
		return this.sampled;
	}

	public String logger() {
		return this.logger;
	}

	public String thread() {
		return this.thread;
	}

	/**
	 * Context values (MDC snapshot), read-only.
	 * @return the context
	 */
	public Map<String, String> context() {
		return this.context;
	}

	/**
	 * Structured arguments and exception summary, read-only.
	 * @return extra fields
	 */
	public Map<String, String> extra() {
		return this.extra;
	}

	/**
	 * Per-job sequence number, from 1, assigned when the pipeline accepted the record.
	 * @return the sequence number, 0 before acceptance
	 */
	public long seq() {
		return this.seq;
	}

	void assignSeq(long seq) {
		this.seq = seq;
	}

	/**
	 * Estimated encoded size, used for the byte budget.
	 * @return bytes
	 */
	public int estimatedBytes() {
		return this.estimatedBytes;
	}

	/**
	 * The part of {@link #estimatedBytes()} that the context values make up. A caller
	 * that passes the same context map many times can compute it once
	 * ({@link Builder#context(Map, int)}).
	 * @param context the context values
	 * @return the estimated bytes
	 */
	public static int estimateContext(Map<String, String> context) {
		long size = 0;
		for (Map.Entry<String, String> entry : context.entrySet()) {
			size += 4 + entry.getKey().length() + ((entry.getValue() != null) ? entry.getValue().length() : 0);
		}
		return (int) Math.min(Integer.MAX_VALUE, size);
	}

	private int estimate(int contextBytes) {
		long size = FIXED_OVERHEAD + this.jobId.length() + this.message.length() + this.logger.length()
				+ this.thread.length() + ((this.resourceId != null) ? this.resourceId.length() : 0);
		size += (contextBytes >= 0) ? contextBytes : estimateContext(this.context);
		for (Map.Entry<String, String> entry : this.extra.entrySet()) {
			size += 4 + entry.getKey().length() + entry.getValue().length();
		}
		return (int) Math.min(Integer.MAX_VALUE, size);
	}

	@Override
	public String toString() {
		return "JobLogRecord[job=" + this.jobId + ", seq=" + this.seq + ", level=" + this.level + "]";
	}

	/**
	 * Builder of {@link JobLogRecord}.
	 */
	public static final class Builder {

		private final String jobId;

		private final LogLevel level;

		private final String message;

		private @Nullable String resourceId;

		private long timestampMs = System.currentTimeMillis();

		private @Nullable String traceId;

		private @Nullable String spanId;

		private boolean sampled;

		private String logger = "";

		private String thread = "";

		private Map<String, String> context = Map.of();

		private int contextBytes = -1;

		private Map<String, String> extra = Map.of();

		private Builder(String jobId, LogLevel level, String message) {
			this.jobId = jobId;
			this.level = level;
			this.message = message;
		}

		public Builder resourceId(@Nullable String resourceId) {
			this.resourceId = resourceId;
			return this;
		}

		public Builder timestampMs(long timestampMs) {
			this.timestampMs = timestampMs;
			return this;
		}

		public Builder trace(@Nullable String traceId, @Nullable String spanId, boolean sampled) {
			this.traceId = traceId;
			this.spanId = spanId;
			this.sampled = sampled;
			return this;
		}

		public Builder logger(String logger) {
			this.logger = logger;
			return this;
		}

		public Builder thread(String thread) {
			this.thread = thread;
			return this;
		}

		/**
		 * Context values; the map is kept, not copied: pass an immutable snapshot.
		 * @param context the context
		 * @return this builder
		 */
		public Builder context(Map<String, String> context) {
			this.context = context;
			this.contextBytes = -1;
			return this;
		}

		/**
		 * Context values with their size already estimated.
		 * @param context the context, an immutable snapshot (kept, not copied)
		 * @param estimatedBytes what {@link JobLogRecord#estimateContext} returns for it
		 * @return this builder
		 */
		public Builder context(Map<String, String> context, int estimatedBytes) {
			this.context = context;
			this.contextBytes = estimatedBytes;
			return this;
		}

		/**
		 * Extra fields; the map is kept, not copied.
		 * @param extra the fields
		 * @return this builder
		 */
		public Builder extra(Map<String, String> extra) {
			this.extra = extra;
			return this;
		}

		public JobLogRecord build() {
			return new JobLogRecord(this);
		}

	}

}
