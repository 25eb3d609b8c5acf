package io.fetchbox.observability.joblog;

import java.util.Map;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.JobLog;

/**
 * Encodes a {@link JobLogRecord} as the protobuf {@code fetchbox.jobs.JobLog}. Context
 * values go into {@code fields} under their own names (except those with a field of their
 * own), plus {@code logger}, {@code thread}, {@code seq}, {@code span_id} and the extra
 * fields (structured arguments, exception summary).
 *
 * @since 0.1.0
 */
public final class JobLogEncoder {

	/** {@code fields} key of the per-job sequence number. */
	public static final String SEQ = "seq";

	/** {@code fields} key of the logger name. */
	public static final String LOGGER = "logger";

	/** {@code fields} key of the thread name. */
	public static final String THREAD = "thread";

	private JobLogEncoder() {
	}

	/**
	 * Build the message.
	 * @param record the record
	 * @return the {@code JobLog}
	 */
	public static JobLog toJobLog(JobLogRecord record) {
		JobLog.Builder builder = JobLog.newBuilder()
			.setJobId(record.jobId())
			.setLevel(record.level())
			.setMessage(record.message())
			.setTimestampMs(record.timestampMs());
		if (record.resourceId() != null) {
			builder.setResourceId(record.resourceId());
		}
		if (record.traceId() != null) {
			builder.setTraceId(record.traceId());
		}
		for (Map.Entry<String, String> entry : record.context().entrySet()) {
			String key = entry.getKey();
			if (entry.getValue() != null && !isOwnField(key)) {
				builder.putFields(key, entry.getValue());
			}
		}
		if (record.spanId() != null) {
			builder.putFields(CorrelationKeys.SPAN_ID, record.spanId());
		}
		builder.putAllFields(record.extra());
		builder.putFields(LOGGER, record.logger());
		builder.putFields(THREAD, record.thread());
		builder.putFields(SEQ, Long.toString(record.seq()));
		return builder.build();
	}

	/**
	 * Encode the message.
	 * @param record the record
	 * @return protobuf bytes
	 */
	public static byte[] encode(JobLogRecord record) {
		return toJobLog(record).toByteArray();
	}

	private static boolean isOwnField(String key) {
		return CorrelationKeys.JOB_ID.equals(key) || CorrelationKeys.RESOURCE_ID.equals(key)
				|| CorrelationKeys.MDC_TRACE_ID.equals(key) || CorrelationKeys.MDC_SPAN_ID.equals(key);
	}

}
