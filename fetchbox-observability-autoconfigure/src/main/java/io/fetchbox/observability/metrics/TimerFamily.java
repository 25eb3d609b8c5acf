package io.fetchbox.observability.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import org.jspecify.annotations.Nullable;

/**
 * Timers of one catalog meter, one per tag-value key, created on first use (which puts
 * the family in use) and cached. Recordings made before the family is exported are
 * dropped (a timer needs its registry's clock and histogram configuration); while the
 * family is forced off they go to a timer that records nowhere.
 *
 * @param <K> the key type
 */
final class TimerFamily<K> implements FamilyExport.Member {

	private final FamilyExport export;

	private final FetchboxMeter meter;

	private final Function<K, Tags> tags;

	private final Map<K, Timer> timers = new ConcurrentHashMap<>();

	private final List<K> shownFromExport = new ArrayList<>();

	TimerFamily(FamilyExport export, FetchboxMeter meter, Function<K, Tags> tags) {
		this.export = export;
		this.meter = meter;
		this.tags = tags;
		export.add(this);
	}

	static TimerFamily<String> single(FamilyExport export, FetchboxMeter meter) {
		return new TimerFamily<>(export, meter, (key) -> Tags.empty());
	}

	/**
	 * Show the key's timer (with zero counts) as soon as the family is exported.
	 */
	TimerFamily<K> showOnExport(K key) {
		synchronized (this.export) {
			this.shownFromExport.add(key);
		}
		return this;
	}

	void record(K key, Duration duration) {
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = create(key);
			if (timer == null) {
				return;
			}
		}
		timer.record(duration);
	}

	private @Nullable Timer create(K key) {
		synchronized (this.export) {
			this.export.inUse();
			Timer timer = this.timers.get(key);
			if (timer == null) {
				MeterRegistry registry = this.export.exportedTo();
				if (registry != null) {
					timer = register(registry, key);
				}
				else if (this.export.forcedOff()) {
					timer = new NoopTimer(new Meter.Id(this.meter.meterName(), this.tags.apply(key), null,
							this.meter.description(), Meter.Type.TIMER));
				}
				else {
					return null;
				}
				this.timers.put(key, timer);
			}
			return timer;
		}
	}

	@Override
	public void export(MeterRegistry registry) {
		this.timers.replaceAll((key, timer) -> register(registry, key));
		this.shownFromExport.forEach((key) -> this.timers.computeIfAbsent(key, (k) -> register(registry, k)));
	}

	private Timer register(MeterRegistry registry, K key) {
		return this.export.registered(this.meter.timer().tags(this.tags.apply(key)).register(registry));
	}

}
