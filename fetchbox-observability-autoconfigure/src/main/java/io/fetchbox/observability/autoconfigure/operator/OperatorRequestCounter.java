package io.fetchbox.observability.autoconfigure.operator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

import io.fetchbox.observability.metrics.ApiMetrics;

/**
 * Counts operator requests in {@code fetchbox.operator.requests} when the typed metrics
 * ({@link ApiMetrics}) are there; a no-op otherwise. Kept apart so that the
 * auto-configuration does not load Micrometer types when Micrometer is absent.
 */
final class OperatorRequestCounter {

	private OperatorRequestCounter() {
	}

	static Runnable of(ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
				OperatorRequestCounter.class.getClassLoader())) {
			return () -> {
			};
		}
		return Metrics.counter(beanFactory);
	}

	private static final class Metrics {

		static Runnable counter(ListableBeanFactory beanFactory) {
			var metrics = beanFactory.getBeanProvider(ApiMetrics.class);
			return () -> metrics.ifAvailable(ApiMetrics::operatorRequest);
		}

	}

}
