package io.fetchbox.observability.metrics;

import java.util.Set;

/**
 * A typed recorder whose meters belong to {@link MeterFamily families}. A family's meters
 * are registered only once the service uses the family, so a service exports the meters
 * of what it does and nothing else:
 * <ul>
 * <li>a family is <em>in use</em> from the first recording of any of its meters, or from
 * {@link #familyInUse} (the starter calls it at startup for the recorders the application
 * injects). Its closed sets then show at 0, so {@code rate()} and alerts work at
 * once;</li>
 * <li>{@link #forceFamily} overrides that: on registers the family now, off keeps it out
 * of every scrape (recordings are then kept in memory only).</li>
 * </ul>
 * Registration happens once per family and key, never on the recording path.
 *
 * @since 0.1.0
 */
public interface MeterFamilyRecorder {

	/**
	 * The families whose meters this recorder registers.
	 * @return the families
	 */
	Set<MeterFamily> families();

	/**
	 * The service uses the family: register its meters unless it is forced off.
	 * @param family one of {@link #families()}
	 */
	void familyInUse(MeterFamily family);

	/**
	 * Force the family on (registered now, used or not) or off (never exported).
	 * @param family one of {@link #families()}
	 * @param exported whether the family is exported
	 */
	void forceFamily(MeterFamily family, boolean exported);

}
