package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Timers of one catalog meter, one per tag-value key, created on first use. Recordings
 * made before the registry is bound are dropped (a timer needs its registry's clock and
 * histogram configuration).
 *
 * @param <K> the key type
 */
final class TimerFamily<K> {

	private final FetchboxMeter meter;

	private final Function<K, Tags> tags;

	private final Map<K, Timer> timers = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	TimerFamily(FetchboxMeter meter, Function<K, Tags> tags) {
		this.meter = meter;
		this.tags = tags;
	}

	static TimerFamily<String> single(FetchboxMeter meter) {
		return new TimerFamily<>(meter, (key) -> Tags.empty());
	}

	void record(K key, Duration duration) {
		Timer timer = this.timers.get(key);
		if (timer == null) {
			MeterRegistry registry = this.registry;
			if (registry == null) {
				return;
			}
			timer = this.timers.computeIfAbsent(key,
					(k) -> this.meter.timer().tags(this.tags.apply(k)).register(registry));
		}
		timer.record(duration);
	}

	void bindTo(MeterRegistry registry) {
		this.timers.clear();
		this.registry = registry;
	}

	/**
	 * Register the timer of a key up front, so it shows (with zero counts) before the
	 * first recording.
	 */
	void register(K key) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			this.timers.computeIfAbsent(key, (k) -> this.meter.timer().tags(this.tags.apply(k)).register(registry));
		}
	}

}
