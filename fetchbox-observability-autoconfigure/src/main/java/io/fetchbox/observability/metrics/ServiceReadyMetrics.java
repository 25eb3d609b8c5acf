package io.fetchbox.observability.metrics;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * The {@code service_ready} gauge: 1 while the readiness check passes, 0 otherwise. The
 * service tag is the registry's common {@code service} tag. The check is evaluated when
 * the gauge is read (on scrape).
 *
 * @since 0.1.0
 */
public class ServiceReadyMetrics implements MeterBinder {

	private final BooleanSupplier ready;

	/**
	 * Create the binder.
	 * @param ready the readiness check (bounded in time: it runs on the scrape thread)
	 */
	public ServiceReadyMetrics(BooleanSupplier ready) {
		Assert.notNull(ready, "'ready' must not be null");
		this.ready = ready;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FetchboxMeter.SERVICE_READY.gauge(this.ready, (check) -> check.getAsBoolean() ? 1 : 0)
			.strongReference(true)
			.register(registry);
	}

}
