package io.fetchbox.observability.joblog;

import java.io.IOException;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import org.jspecify.annotations.Nullable;

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

	private static final int FIELDS = JobLog.FIELDS_FIELD_NUMBER;

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
		// Written field by field on the sender thread: the same bytes a JobLog would
		// serialise to (map entries in the same order, the last of a repeated key wins
		// when parsed), without building a message and a map per record.
		String seq = Long.toString(record.seq());
		int size = 0;
		size += stringSize(1, record.jobId());
		size += stringSize(2, record.resourceId());
		if (record.level().getNumber() != 0) {
			size += CodedOutputStream.computeEnumSize(3, record.level().getNumber());
		}
		size += stringSize(4, record.message());
		for (Map.Entry<String, String> entry : record.context().entrySet()) {
			if (entry.getValue() != null && !isOwnField(entry.getKey())) {
				size += entrySize(entry.getKey(), entry.getValue());
			}
		}
		if (record.spanId() != null) {
			size += entrySize(CorrelationKeys.SPAN_ID, record.spanId());
		}
		for (Map.Entry<String, String> entry : record.extra().entrySet()) {
			size += entrySize(entry.getKey(), entry.getValue());
		}
		size += entrySize(LOGGER, record.logger());
		size += entrySize(THREAD, record.thread());
		size += entrySize(SEQ, seq);
		if (record.timestampMs() != 0) {
			size += CodedOutputStream.computeUInt64Size(6, record.timestampMs());
		}
		size += stringSize(7, record.traceId());
		byte[] bytes = new byte[size];
		CodedOutputStream out = CodedOutputStream.newInstance(bytes);
		try {
			writeString(out, 1, record.jobId());
			writeString(out, 2, record.resourceId());
			if (record.level().getNumber() != 0) {
				out.writeEnum(3, record.level().getNumber());
			}
			writeString(out, 4, record.message());
			for (Map.Entry<String, String> entry : record.context().entrySet()) {
				if (entry.getValue() != null && !isOwnField(entry.getKey())) {
					writeEntry(out, entry.getKey(), entry.getValue());
				}
			}
			if (record.spanId() != null) {
				writeEntry(out, CorrelationKeys.SPAN_ID, record.spanId());
			}
			for (Map.Entry<String, String> entry : record.extra().entrySet()) {
				writeEntry(out, entry.getKey(), entry.getValue());
			}
			writeEntry(out, LOGGER, record.logger());
			writeEntry(out, THREAD, record.thread());
			writeEntry(out, SEQ, seq);
			if (record.timestampMs() != 0) {
				out.writeUInt64(6, record.timestampMs());
			}
			writeString(out, 7, record.traceId());
			out.checkNoSpaceLeft();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot encode job log record", ex);
		}
		return bytes;
	}

	private static int stringSize(int field, @Nullable String value) {
		return (value == null || value.isEmpty()) ? 0 : CodedOutputStream.computeStringSize(field, value);
	}

	private static void writeString(CodedOutputStream out, int field, @Nullable String value) throws IOException {
		if (value != null && !value.isEmpty()) {
			out.writeString(field, value);
		}
	}

	private static int entryBodySize(String key, String value) {
		return CodedOutputStream.computeStringSize(1, key) + CodedOutputStream.computeStringSize(2, value);
	}

	private static int entrySize(String key, String value) {
		int body = entryBodySize(key, value);
		return CodedOutputStream.computeTagSize(FIELDS) + CodedOutputStream.computeUInt32SizeNoTag(body) + body;
	}

	private static void writeEntry(CodedOutputStream out, String key, String value) throws IOException {
		out.writeTag(FIELDS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		out.writeUInt32NoTag(entryBodySize(key, value));
		out.writeString(1, key);
		out.writeString(2, value);
	}

	private static boolean isOwnField(String key) {
		return CorrelationKeys.JOB_ID.equals(key) || CorrelationKeys.RESOURCE_ID.equals(key)
				|| CorrelationKeys.MDC_TRACE_ID.equals(key) || CorrelationKeys.MDC_SPAN_ID.equals(key);
	}

}
