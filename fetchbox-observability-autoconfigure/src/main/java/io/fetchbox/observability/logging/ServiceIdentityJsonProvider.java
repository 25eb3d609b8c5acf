package io.fetchbox.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the constant {@code service}, {@code environment} and {@code version} fields of
 * every log line, leaving out the ones that are not configured (never {@code null}).
 *
 * @since 0.1.0
 */
public class ServiceIdentityJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

	private @Nullable String service;

	private @Nullable String environment;

	private @Nullable String version;

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		write(generator, "service", this.service);
		write(generator, "environment", this.environment);
		write(generator, "version", this.version);
	}

	private static void write(JsonGenerator generator, String name, @Nullable String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

	public @Nullable String getService() {
		return this.service;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setService(@Nullable String service) {
		this.service = clean(service);
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = clean(environment);
	}

	public void setVersion(@Nullable String version) {
		this.version = clean(version);
	}

	private static @Nullable String clean(@Nullable String value) {
		// Logback leaves "<NAME>_IS_UNDEFINED" for a missing variable; treat it as unset.
		if (value == null || value.isBlank() || value.endsWith("_IS_UNDEFINED")) {
			return null;
		}
		return value.trim();
	}

}
