package io.fetchbox.observability.tail;

import java.util.Locale;

import io.fetchbox.observability.messages.LogLevel;

/**
 * Level names as they appear in logs ({@code TRACE} ... {@code ERROR}) for the protobuf
 * {@link LogLevel}.
 *
 * @since 0.1.0
 */
public final class JobLogLevels {

	/** Accepted level names, lowest first. */
	public static final String NAMES = "TRACE, DEBUG, INFO, WARN, ERROR";

	private static final String PREFIX = "LOG_LEVEL_";

	private JobLogLevels() {
	}

	/**
	 * Log name of a level, e.g. {@code WARN}.
	 * @param level the level
	 * @return its name
	 */
	public static String name(LogLevel level) {
		return (level == LogLevel.UNRECOGNIZED) ? "UNKNOWN" : level.name().substring(PREFIX.length());
	}

	/**
	 * Parse a level name, case-insensitively ({@code WARNING} is taken as {@code WARN}).
	 * @param name the name
	 * @return the level
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static LogLevel parse(String name) {
		String upper = name.trim().toUpperCase(Locale.ROOT);
		if (upper.equals("WARNING")) {
			upper = "WARN";
		}
		try {
			return LogLevel.valueOf(PREFIX + upper);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown level '" + name + "' (expected one of " + NAMES + ")");
		}
	}

	/**
	 * Whether {@code level} is at or above {@code minimum}; unknown levels always pass.
	 * @param level the record's level
	 * @param minimum the minimum
	 * @return whether to keep the record
	 */
	public static boolean atLeast(LogLevel level, LogLevel minimum) {
		return level == LogLevel.UNRECOGNIZED || level.getNumber() >= minimum.getNumber();
	}

}
