package io.fetchbox.observability.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobLogLevels;

/**
 * Reads {@code --level} ({@code TRACE} ... {@code ERROR}, any case).
 *
 * @since 0.1.0
 */
final class LevelConverter implements ITypeConverter<LogLevel> {

	@Override
	public LogLevel convert(String value) {
		try {
			return JobLogLevels.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException(ex.getMessage());
		}
	}

}
