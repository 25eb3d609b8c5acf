package io.fetchbox.observability.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests received per command code (for tests asserting on traffic).
 */
final class CommandCounters {

	private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();

	void increment(int code) {
		this.counts.computeIfAbsent(code, (c) -> new LongAdder()).increment();
	}

	long get(int code) {
		LongAdder adder = this.counts.get(code);
		return (adder != null) ? adder.sum() : 0;
	}

	void reset() {
		this.counts.clear();
	}

}
