package io.fetchbox.observability.tail;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Map;
import java.util.TreeMap;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.JobLog;

/**
 * Renders a {@code JobLog} as one JSON object with the stdout field names (PRODUCT.md
 * section 3): {@code timestamp}, {@code level}, {@code message}, {@code job_id},
 * {@code resource_id}, {@code trace_id}, then the record's fields as top-level keys
 * (sorted; a field never overrides one of those six). Empty values are left out. Used by
 * the SSE endpoint and {@code fetchbox-iggy-cli --output json}, so both print the same.
 *
 * @since 0.1.0
 */
public final class JobLogJson {

	/** UTC, millisecond precision, e.g. {@code 2026-11-23T21:00:00.123Z}. */
	public static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

	private JobLogJson() {
	}

	/**
	 * Render a record.
	 * @param record the record
	 * @return a single-line JSON object
	 */
	public static String render(TailedJobLog record) {
		JobLog log = record.log();
		StringBuilder json = new StringBuilder(256).append('{');
		field(json, "timestamp", TIMESTAMP.format(record.timestamp()));
		field(json, "level", JobLogLevels.name(log.getLevel()));
		field(json, "message", log.getMessage());
		field(json, CorrelationKeys.JOB_ID, log.getJobId());
		field(json, CorrelationKeys.RESOURCE_ID, log.getResourceId());
		field(json, CorrelationKeys.TRACE_ID, log.getTraceId());
		for (Map.Entry<String, String> entry : new TreeMap<>(log.getFieldsMap()).entrySet()) {
			if (!isCoreKey(entry.getKey())) {
				field(json, entry.getKey(), entry.getValue());
			}
		}
		return json.append('}').toString();
	}

	private static boolean isCoreKey(String key) {
		return switch (key) {
			case "timestamp", "level", "message", CorrelationKeys.JOB_ID, CorrelationKeys.RESOURCE_ID,
					CorrelationKeys.TRACE_ID ->
				true;
			default -> false;
		};
	}

	private static void field(StringBuilder json, String key, String value) {
		if (value.isEmpty()) {
			return;
		}
		if (json.length() > 1) {
			json.append(',');
		}
		quote(json, key).append(':');
		quote(json, value);
	}

	/**
	 * Append {@code value} as a JSON string literal. Control characters, line separators
	 * and lone surrogates are escaped, so the output is always one line of valid JSON.
	 * @param json the target
	 * @param value the string
	 * @return the target
	 */
	public static StringBuilder quote(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
							&& i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)));
					if (loneSurrogate && Character.isLowSurrogate(c) && i > 0
							&& Character.isHighSurrogate(value.charAt(i - 1))) {
						loneSurrogate = false;
					}
					if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f || loneSurrogate) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
