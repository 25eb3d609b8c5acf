package io.fetchbox.observability.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * Counters of one catalog meter, one per tag-value key, backed by {@link LongAdder}s: the
 * hot path never touches the registry, and counts made before the registry is bound are
 * kept (they show up once it is). Keys must come from closed or bounded sets.
 *
 * @param <K> the key type (an enum, a record of tag values, ...)
 */
final class CounterFamily<K> {

	private final FetchboxMeter meter;

	private final Function<K, Tags> tags;

	private final Map<K, LongAdder> counts = new ConcurrentHashMap<>();

	private @Nullable MeterRegistry registry;

	CounterFamily(FetchboxMeter meter, Function<K, Tags> tags) {
		this.meter = meter;
		this.tags = tags;
	}

	/**
	 * A family without tags (one counter).
	 */
	static CounterFamily<String> single(FetchboxMeter meter) {
		return new CounterFamily<>(meter, (key) -> Tags.empty());
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

	// Rare (first use of a key): synchronised with bindTo so no key is left unregistered.
	private synchronized LongAdder create(K key) {
		LongAdder count = this.counts.get(key);
		if (count == null) {
			count = new LongAdder();
			this.counts.put(key, count);
			if (this.registry != null) {
				register(this.registry, key, count);
			}
		}
		return count;
	}

	synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.counts.forEach((key, count) -> register(registry, key, count));
	}

	private void register(MeterRegistry registry, K key, LongAdder count) {
		this.meter.functionCounter(count, LongAdder::doubleValue).tags(this.tags.apply(key)).register(registry);
	}

}
