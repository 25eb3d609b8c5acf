package io.fetchbox.observability.joblog;

import java.util.Locale;

/**
 * What to drop when the job log buffer is full. Either way WARN and ERROR records are
 * preferred: a full buffer makes room for one by evicting the oldest lower-level record.
 *
 * @since 0.1.0
 */
public enum DropPolicy {

	/** Reject the record that does not fit (the default). */
	DROP_NEWEST,

	/** Evict the oldest buffered record that is not being sent to make room. */
	DROP_OLDEST;

	/**
	 * The policy named by a configuration value such as {@code drop-newest}, for
	 * configuration that Spring Boot's binder does not read (Logback XML).
	 * @param value the value, in any case, with dashes or underscores
	 * @return the policy
	 * @throws IllegalArgumentException if the value names no policy
	 */
	public static DropPolicy of(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/**
	 * The value as written in configuration.
	 * @return {@code drop-newest} or {@code drop-oldest}
	 */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
