package io.fetchbox.observability.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counters of one catalog meter, one per tag-value key, backed by {@link LongAdder}s: the
 * hot path never touches the registry, and counts made before the family is exported are
 * kept (they show up once it is). The first use of a key puts the family in use. Keys
 * must come from closed or bounded sets.
 *
 * @param <K> the key type (an enum, a record of tag values, ...)
 */
final class CounterFamily<K> implements FamilyExport.Member {

	private final FamilyExport export;

	private final FetchboxMeter meter;

	private final Function<K, Tags> tags;

	private final Map<K, LongAdder> counts = new ConcurrentHashMap<>();

	private final List<K> shownFromExport = new ArrayList<>();

	CounterFamily(FamilyExport export, FetchboxMeter meter, Function<K, Tags> tags) {
		this.export = export;
		this.meter = meter;
		this.tags = tags;
		export.add(this);
	}

	/**
	 * A family without tags (one counter).
	 */
	static CounterFamily<String> single(FamilyExport export, FetchboxMeter meter) {
		return new CounterFamily<>(export, meter, (key) -> Tags.empty());
	}

	/**
	 * Show the key's counter (at 0) as soon as the family is exported: for closed sets,
	 * so {@code rate()} and alerts work at once.
	 */
	CounterFamily<K> showOnExport(K key) {
		synchronized (this.export) {
			this.shownFromExport.add(key);
		}
		return this;
	}

	void increment(K key) {
		add(key, 1);
	}

	void add(K key, long amount) {
		LongAdder count = this.counts.get(key);
		if (count == null) {
			count = create(key);
		}
		count.add(amount);
	}

	long count(K key) {
		LongAdder count = this.counts.get(key);
		return (count != null) ? count.sum() : 0;
	}

	// Rare (first use of a key): under the family's lock, so no key is left unregistered.
	private LongAdder create(K key) {
		synchronized (this.export) {
			LongAdder count = this.counts.get(key);
			if (count == null) {
				count = new LongAdder();
				this.counts.put(key, count);
				MeterRegistry registry = this.export.exportedTo();
				if (registry != null) {
					register(registry, key, count);
				}
				else {
					// Exports the family, this key included, unless it is forced off.
					this.export.inUse();
				}
			}
			return count;
		}
	}

	@Override
	public void export(MeterRegistry registry) {
		this.shownFromExport.forEach((key) -> this.counts.computeIfAbsent(key, (k) -> new LongAdder()));
		this.counts.forEach((key, count) -> register(registry, key, count));
	}

	private void register(MeterRegistry registry, K key, LongAdder count) {
		this.export.registered(this.meter.functionCounter(count, LongAdder::doubleValue)
			.tags(this.tags.apply(key))
			.register(registry));
	}

}
