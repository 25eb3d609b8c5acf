package io.fetchbox.observability.joblog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

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
		return new JobLogEncoder.Session().encode(record);
	}

	/**
	 * Encodes records one after another, reusing what consecutive records of a job share:
	 * the encoded context fields (Logback hands out the same copy-on-write MDC map until
	 * the MDC changes), the logger and thread entries, and the job and resource ids. Each
	 * cache holds one immutable entry, so a session may be shared between threads.
	 * <p>
	 * The bytes are those a {@code JobLog} would serialise to (fields in number order,
	 * map entries in the same order; when a key repeats, the last wins when parsed),
	 * written without building a message and a map per record. Strings are encoded with
	 * {@link String#getBytes} (a plain copy for ASCII text; a lone surrogate becomes
	 * {@code ?}, as protobuf writes it).
	 */
	public static final class Session {

		private Cached<Map<String, String>> context = Cached.empty();

		private Cached<String> loggerAndThread = Cached.empty();

		private final LastStringField jobId = new LastStringField(1);

		private final LastStringField resourceId = new LastStringField(2);

		/**
		 * Encode a record.
		 * @param record the record
		 * @return protobuf bytes
		 */
		public byte[] encode(JobLogRecord record) {
			byte[] job = this.jobId.encode(record.jobId());
			byte[] resource = this.resourceId.encode(record.resourceId());
			byte[] message = utf8(record.message());
			byte[] contextFields = contextFields(record.context());
			byte[] span = (record.spanId() != null) ? entry(CorrelationKeys.SPAN_ID, record.spanId()) : null;
			byte[] extra = extraFields(record.extra());
			byte[] loggerThread = loggerAndThread(record.logger(), record.thread());
			byte[] seq = entry(SEQ, Long.toString(record.seq()));
			byte[] trace = (record.traceId() != null && !record.traceId().isEmpty()) ? utf8(record.traceId()) : null;
			int level = record.level().getNumber();
			long timestamp = record.timestampMs();
			int size = job.length + resource.length + ((level != 0) ? 1 + varintSize(level) : 0)
					+ ((message.length > 0) ? lengthDelimitedSize(message.length) : 0) + contextFields.length
					+ ((span != null) ? span.length : 0) + extra.length + loggerThread.length + seq.length
					+ ((timestamp != 0) ? 1 + varintSize(timestamp) : 0)
					+ ((trace != null) ? lengthDelimitedSize(trace.length) : 0);
			Writer out = new Writer(size);
			out.raw(job);
			out.raw(resource);
			if (level != 0) {
				out.tag(3, WireFormat.WIRETYPE_VARINT);
				out.varint(level);
			}
			if (message.length > 0) {
				out.lengthDelimited(4, message);
			}
			out.raw(contextFields);
			if (span != null) {
				out.raw(span);
			}
			out.raw(extra);
			out.raw(loggerThread);
			out.raw(seq);
			if (timestamp != 0) {
				out.tag(6, WireFormat.WIRETYPE_VARINT);
				out.varint(timestamp);
			}
			if (trace != null) {
				out.lengthDelimited(7, trace);
			}
			return out.finish();
		}

		private byte[] contextFields(Map<String, String> context) {
			Cached<Map<String, String>> cached = this.context;
			if (cached.key == context) {
				return cached.bytes;
			}
			ByteArrayOutputStream fields = new ByteArrayOutputStream();
			for (Map.Entry<String, String> entry : context.entrySet()) {
				if (entry.getValue() != null && !isOwnField(entry.getKey())) {
					fields.writeBytes(entry(entry.getKey(), entry.getValue()));
				}
			}
			byte[] bytes = fields.toByteArray();
			this.context = new Cached<>(context, null, bytes);
			return bytes;
		}

		private byte[] loggerAndThread(String logger, String thread) {
			Cached<String> cached = this.loggerAndThread;
			if (cached.key == logger && cached.second == thread) {
				return cached.bytes;
			}
			byte[] loggerEntry = entry(LOGGER, logger);
			byte[] threadEntry = entry(THREAD, thread);
			byte[] bytes = Arrays.copyOf(loggerEntry, loggerEntry.length + threadEntry.length);
			System.arraycopy(threadEntry, 0, bytes, loggerEntry.length, threadEntry.length);
			this.loggerAndThread = new Cached<>(logger, thread, bytes);
			return bytes;
		}

		private static byte[] extraFields(Map<String, String> extra) {
			if (extra.isEmpty()) {
				return EMPTY;
			}
			ByteArrayOutputStream fields = new ByteArrayOutputStream();
			for (Map.Entry<String, String> entry : extra.entrySet()) {
				fields.writeBytes(entry(entry.getKey(), entry.getValue()));
			}
			return fields.toByteArray();
		}

	}

	private static final byte[] EMPTY = new byte[0];

	/** One {@code fields} map entry, tag included. */
	private static byte[] entry(String key, String value) {
		byte[] keyBytes = utf8(key);
		byte[] valueBytes = utf8(value);
		// Map entries always carry key and value, even empty ones, like protobuf's.
		int body = lengthDelimitedSize(keyBytes.length) + lengthDelimitedSize(valueBytes.length);
		Writer out = new Writer(lengthDelimitedSize(body));
		out.tag(FIELDS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		out.varint(body);
		out.lengthDelimited(1, keyBytes);
		out.lengthDelimited(2, valueBytes);
		return out.finish();
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Size of a length-delimited field with a one-byte tag (field numbers below 16). */
	private static int lengthDelimitedSize(int length) {
		return 1 + varintSize(length) + length;
	}

	private static int varintSize(long value) {
		return (value == 0) ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
	}

	/** A top-level string field, remembering the encoding of the last value seen. */
	private static final class LastStringField {

		private final int field;

		private Cached<String> last = Cached.empty();

		LastStringField(int field) {
			this.field = field;
		}

		byte[] encode(@Nullable String value) {
			if (value == null || value.isEmpty()) {
				return EMPTY; // proto3 leaves empty strings out
			}
			Cached<String> cached = this.last;
			if (cached.key == value) {
				return cached.bytes;
			}
			byte[] text = utf8(value);
			Writer out = new Writer(lengthDelimitedSize(text.length));
			out.lengthDelimited(this.field, text);
			byte[] bytes = out.finish();
			this.last = new Cached<>(value, null, bytes);
			return bytes;
		}

	}

	/** The last key (or pair of keys) seen and its encoding, compared by identity. */
	private record Cached<K>(@Nullable K key, @Nullable Object second, byte[] bytes) {

		static <K> Cached<K> empty() {
			return new Cached<>(null, null, EMPTY);
		}

	}

	/** Writes into an array of the exact final size. */
	private static final class Writer {

		private final byte[] bytes;

		private int position;

		Writer(int size) {
			this.bytes = new byte[size];
		}

		void tag(int field, int wireType) {
			varint(((long) field << 3) | wireType);
		}

		void varint(long value) {
			long rest = value;
			while ((rest & ~0x7FL) != 0) {
				this.bytes[this.position++] = (byte) ((rest & 0x7F) | 0x80);
				rest >>>= 7;
			}
			this.bytes[this.position++] = (byte) rest;
		}

		void lengthDelimited(int field, byte[] value) {
			tag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			varint(value.length);
			raw(value);
		}

		void raw(byte[] value) {
			System.arraycopy(value, 0, this.bytes, this.position, value.length);
			this.position += value.length;
		}

		byte[] finish() {
			if (this.position != this.bytes.length) {
				throw new IllegalStateException("Encoded " + this.position + " bytes, expected " + this.bytes.length);
			}
			return this.bytes;
		}

	}

	private static boolean isOwnField(String key) {
		return CorrelationKeys.JOB_ID.equals(key) || CorrelationKeys.RESOURCE_ID.equals(key)
				|| CorrelationKeys.MDC_TRACE_ID.equals(key) || CorrelationKeys.MDC_SPAN_ID.equals(key);
	}

}
