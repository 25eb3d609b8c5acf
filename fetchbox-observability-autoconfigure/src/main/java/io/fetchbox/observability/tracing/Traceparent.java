package io.fetchbox.observability.tracing;

import org.jspecify.annotations.Nullable;

/**
 * Builds a W3C {@code traceparent} value from the ids Micrometer Tracing put into the
 * MDC. Nothing is parsed from incoming headers here; ids that are not well-formed
 * lowercase hex produce no header.
 *
 * @since 0.1.0
 */
public final class Traceparent {

	private Traceparent() {
	}

	/**
	 * The header value, or {@code null} when there is no valid trace.
	 * @param traceId 32 hex characters
	 * @param spanId 16 hex characters
	 * @param sampled whether the trace is known to be sampled
	 * @return {@code 00-<trace>-<span>-<flags>} or {@code null}
	 */
	public static @Nullable String of(@Nullable String traceId, @Nullable String spanId, boolean sampled) {
		if (!isHex(traceId, 32) || !isHex(spanId, 16) || isZeros(traceId) || isZeros(spanId)) {
			return null;
		}
		return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
	}

	private static boolean isHex(@Nullable String value, int length) {
		if (value == null || value.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isZeros(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}
