package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter, used between reconnection attempts.
 *
 * @param initial delay before the first retry
 * @param max upper bound of any delay
 * @param multiplier growth factor per attempt (at least 1)
 * @param jitter fraction of the delay that is randomised, between 0 and 1
 * @since 0.1.0
 */
public record IggyBackoff(Duration initial, Duration max, double multiplier, double jitter) {

	/** Defaults: 200 ms doubling up to 10 s, with 20 % jitter. */
	public static final IggyBackoff DEFAULT = new IggyBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.2);

	public IggyBackoff {
		if (initial.isNegative() || initial.isZero()) {
			throw new IllegalArgumentException("'initial' must be positive");
		}
		if (max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("'max' must not be less than 'initial'");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("'multiplier' must be at least 1");
		}
		if (jitter < 0.0 || jitter > 1.0) {
			throw new IllegalArgumentException("'jitter' must be between 0 and 1");
		}
	}

	/**
	 * Delay before the given retry attempt.
	 * @param attempt the attempt number, starting at 1
	 * @return the delay, never more than {@link #max()}
	 */
	public Duration delay(int attempt) {
		double base = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		double capped = Math.min(base, this.max.toMillis());
		// Jitter spreads reconnecting services so a restarted broker is not hit all at
		// once.
		double spread = capped * this.jitter;
		double jittered = capped - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
		return Duration.ofMillis(Math.max(1, Math.min(Math.round(jittered), this.max.toMillis())));
	}

}
