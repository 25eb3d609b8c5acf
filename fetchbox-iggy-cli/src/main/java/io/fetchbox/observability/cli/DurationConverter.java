package io.fetchbox.observability.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} (or ISO-8601
 * {@code PT10M}) as a positive duration.
 *
 * @since 0.1.0
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

	@Override
	public Duration convert(String value) {
		Duration duration = parse(value);
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new TypeConversionException(
					"'" + value + "' is not a positive duration (examples: 500ms, 30s, 10m, 2h, 1d)");
		}
		return duration;
	}

	private static @Nullable Duration parse(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		Matcher matcher = SIMPLE.matcher(text);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value.trim());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
