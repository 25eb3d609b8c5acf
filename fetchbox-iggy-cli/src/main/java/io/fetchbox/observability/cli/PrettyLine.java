package io.fetchbox.observability.cli;

import java.util.Map;
import java.util.TreeMap;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobLogLevels;
import io.fetchbox.observability.tail.SeqDeduplicator;
import io.fetchbox.observability.tail.TailedJobLog;

/**
 * Pretty form of a log record, always one line:
 * {@code 2026-11-23T21:00:00.123Z WARN  slow proxy resource_id=r-1 attempt=2 trace_id=...}
 * (fields sorted, {@code seq} left out; control characters in the message escaped).
 *
 * @since 0.1.0
 */
final class PrettyLine {

	private PrettyLine() {
	}

	static String of(TailedJobLog record, Ansi ansi) {
		JobLog log = record.log();
		StringBuilder line = new StringBuilder(160);
		line.append(JobLogJson.TIMESTAMP.format(record.timestamp())).append(' ');
		String level = JobLogLevels.name(log.getLevel());
		line.append(ansi.level(log.getLevel(), level));
		line.append(" ".repeat(Math.max(1, 6 - level.length())));
		line.append(escape(log.getMessage()));
		pair(line, CorrelationKeys.RESOURCE_ID, log.getResourceId());
		for (Map.Entry<String, String> field : new TreeMap<>(log.getFieldsMap()).entrySet()) {
			if (!field.getKey().equals(SeqDeduplicator.SEQ_FIELD)) {
				pair(line, field.getKey(), field.getValue());
			}
		}
		pair(line, CorrelationKeys.TRACE_ID, log.getTraceId());
		return line.toString();
	}

	private static void pair(StringBuilder line, String key, String value) {
		if (value.isEmpty()) {
			return;
		}
		line.append(' ').append(escape(key)).append('=');
		boolean quote = value.chars().anyMatch((c) -> Character.isWhitespace(c) || c == '"' || c == '=');
		if (quote) {
			JobLogJson.quote(line, value);
		}
		else {
			line.append(escape(value));
		}
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x1b) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
