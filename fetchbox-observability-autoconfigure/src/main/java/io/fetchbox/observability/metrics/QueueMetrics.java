package io.fetchbox.observability.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Consumer lag where the service consumes: {@code fetchbox_queue_lag_messages{topic,
 * partition, group}}. The consumer reports the lag it computes (partition end offset
 * minus the group's committed offset) whenever it polls; a partition the consumer no
 * longer owns is {@link #lagUnknown removed}.
 *
 * @since 0.1.0
 */
public class QueueMetrics implements MeterBinder {

	private final BoundedTagValues names = new BoundedTagValues(200);

	private final Map<LagKey, AtomicLong> lags = new ConcurrentHashMap<>();

	private final Map<LagKey, Gauge> gauges = new ConcurrentHashMap<>();

	private @Nullable MeterRegistry registry;

	/**
	 * The consumer group's lag on a partition.
	 * @param topic the topic
	 * @param partition the partition id
	 * @param group the consumer group
	 * @param messages messages not yet consumed (negative values count as 0)
	 */
	public void lag(String topic, long partition, String group, long messages) {
		LagKey key = new LagKey(this.names.tagValue(topic), partition, this.names.tagValue(group));
		AtomicLong lag = this.lags.get(key);
		if (lag == null) {
			lag = create(key);
		}
		lag.set(Math.max(0, messages));
	}

	/**
	 * The lag on a partition is no longer known (the partition was reassigned): its
	 * series disappears from the scrape.
	 * @param topic the topic
	 * @param partition the partition id
	 * @param group the consumer group
	 */
	public synchronized void lagUnknown(String topic, long partition, String group) {
		LagKey key = new LagKey(BoundedTagValues.normalise(topic), partition, BoundedTagValues.normalise(group));
		this.lags.remove(key);
		Gauge gauge = this.gauges.remove(key);
		if (gauge != null && this.registry != null) {
			this.registry.remove(gauge);
		}
	}

	private synchronized AtomicLong create(LagKey key) {
		AtomicLong lag = this.lags.computeIfAbsent(key, (k) -> new AtomicLong());
		if (this.registry != null) {
			register(this.registry, key, lag);
		}
		return lag;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.lags.forEach((key, lag) -> register(registry, key, lag));
	}

	private void register(MeterRegistry registry, LagKey key, AtomicLong lag) {
		this.gauges.computeIfAbsent(key,
				(k) -> FetchboxMeter.QUEUE_LAG.gauge(lag, AtomicLong::doubleValue)
					.tag("topic", k.topic())
					.tag("partition", Long.toString(k.partition()))
					.tag("group", k.group())
					.strongReference(true)
					.register(registry));
	}

	private record LagKey(String topic, long partition, String group) {
	}

}
