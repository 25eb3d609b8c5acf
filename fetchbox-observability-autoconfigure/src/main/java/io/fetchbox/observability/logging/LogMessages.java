package io.fetchbox.observability.logging;

/**
 * Makes log message text safe to ship: lone UTF-16 surrogates (which no UTF-8 encoder can
 * represent) become U+FFFD, and text longer than a byte budget is cut on a character
 * boundary with a {@link #TRUNCATION_MARKER}. Shared by the stdout JSON encoder and the
 * {@code jobs.logs} appender so both cut the same way.
 *
 * @since 0.1.0
 */
public final class LogMessages {

	/**
	 * Appended to a message that was cut; the number of dropped UTF-8 bytes follows it.
	 */
	public static final String TRUNCATION_MARKER = "...[truncated ";

	private static final char REPLACEMENT = '\uFFFD';

	private LogMessages() {
	}

	/**
	 * Return the message with lone surrogates replaced and, if its UTF-8 form is longer
	 * than {@code maxBytes}, cut so that the result including the marker fits.
	 * @param message the message
	 * @param maxBytes the maximum UTF-8 size of the result
	 * @return the safe message (the same instance when nothing had to change)
	 */
	public static String sanitize(String message, int maxBytes) {
		int length = message.length();
		// Fast path: no char is more than 3 UTF-8 bytes, so short text never needs
		// counting.
		boolean mayBeTooLong = (long) length * 3 > maxBytes;
		int cut = -1;
		int bytes = 0;
		int budget = maxBytes - 32;
		boolean surrogates = false;
		for (int i = 0; i < length; i++) {
			char c = message.charAt(i);
			int size;
			if (c < 0x80) {
				size = 1;
			}
			else if (c < 0x800) {
				size = 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length
					&& Character.isLowSurrogate(message.charAt(i + 1))) {
				size = 4;
			}
			else {
				surrogates |= Character.isSurrogate(c);
				size = 3;
			}
			if (mayBeTooLong && cut < 0 && bytes + size > budget) {
				cut = i;
			}
			bytes += size;
			if (size == 4) {
				i++;
			}
		}
		if (!surrogates && bytes <= maxBytes) {
			return message;
		}
		String kept = (bytes > maxBytes) ? message.substring(0, cut) : message;
		StringBuilder result = new StringBuilder(kept.length() + 32);
		appendReplacingLoneSurrogates(result, kept);
		if (bytes > maxBytes) {
			result.append(TRUNCATION_MARKER).append(bytes - utf8Length(result)).append(" bytes]");
		}
		return result.toString();
	}

	private static void appendReplacingLoneSurrogates(StringBuilder result, String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				result.append(c).append(text.charAt(++i));
			}
			else {
				result.append(Character.isSurrogate(c) ? REPLACEMENT : c);
			}
		}
	}

	private static int utf8Length(CharSequence text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
