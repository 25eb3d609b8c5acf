package io.fetchbox.observability.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Turns free-form values (job types, proxy pool names, topic names) into tag values that
 * stay low-cardinality: lowercased, restricted to {@code [a-z0-9_.-]}, at most 64
 * characters, and once {@code maxValues} distinct values have been seen every new one
 * becomes {@value #OTHER}.
 */
final class BoundedTagValues {

	/** Tag value for a missing or empty input. */
	static final String UNKNOWN = "unknown";

	/** Tag value for inputs beyond the distinct-value limit. */
	static final String OTHER = "other";

	private static final int MAX_LENGTH = 64;

	private final int maxValues;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	BoundedTagValues(int maxValues) {
		this.maxValues = maxValues;
	}

	String tagValue(@Nullable String raw) {
		String value = normalise(raw);
		if (this.seen.contains(value)) {
			return value;
		}
		synchronized (this.seen) {
			if (this.seen.size() >= this.maxValues && !this.seen.contains(value)) {
				return OTHER;
			}
			this.seen.add(value);
			return value;
		}
	}

	static String normalise(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return UNKNOWN;
		}
		String trimmed = raw.trim();
		StringBuilder value = new StringBuilder(Math.min(trimmed.length(), MAX_LENGTH));
		for (int i = 0; i < trimmed.length() && value.length() < MAX_LENGTH; i++) {
			char c = Character.toLowerCase(trimmed.charAt(i));
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
			value.append(allowed ? c : '_');
		}
		return value.toString().toLowerCase(Locale.ROOT);
	}

}
