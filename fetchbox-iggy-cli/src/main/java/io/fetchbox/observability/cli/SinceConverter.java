package io.fetchbox.observability.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --since}: a duration back from now ({@code 10m}) or an ISO-8601 instant
 * ({@code 2026-11-23T21:00:00Z}).
 *
 * @since 0.1.0
 */
final class SinceConverter implements ITypeConverter<Instant> {

	@Override
	public Instant convert(String value) {
		if (value.trim().length() > 0 && Character.isDigit(value.trim().charAt(0)) && value.contains("T")) {
			try {
				return Instant.parse(value.trim());
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException("'" + value
						+ "' is neither a duration (10m, 2h) nor an ISO-8601 instant (2026-11-23T21:00:00Z)");
			}
		}
		return Instant.now().minus(new DurationConverter().convert(value));
	}

}
