package io.fetchbox.observability.cli;

import io.fetchbox.observability.messages.LogLevel;

/**
 * Level colours for pretty output, only when writing to a terminal: not with
 * {@code --no-color}, not when stdout is a pipe or file, not with {@code NO_COLOR} set
 * (no-color.org) or {@code TERM=dumb}.
 *
 * @since 0.1.0
 */
final class Ansi {

	private static final String RESET = "\u001b[0m";

	private final boolean enabled;

	private Ansi(boolean enabled) {
		this.enabled = enabled;
	}

	static Ansi forStdout(boolean noColor) {
		String noColorEnv = System.getenv("NO_COLOR");
		boolean enabled = !noColor && System.console() != null && (noColorEnv == null || noColorEnv.isEmpty())
				&& !"dumb".equals(System.getenv("TERM"));
		return new Ansi(enabled);
	}

	static Ansi off() {
		return new Ansi(false);
	}

	static Ansi on() {
		return new Ansi(true);
	}

	String level(LogLevel level, String text) {
		if (!this.enabled) {
			return text;
		}
		String colour = switch (level) {
			case LOG_LEVEL_ERROR -> "\u001b[1;31m";
			case LOG_LEVEL_WARN -> "\u001b[33m";
			case LOG_LEVEL_INFO -> "\u001b[32m";
			case LOG_LEVEL_DEBUG -> "\u001b[36m";
			default -> "\u001b[90m";
		};
		return colour + text + RESET;
	}

}
