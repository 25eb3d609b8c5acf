package io.fetchbox.observability.cli;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts what a tail reads back into event-time order before it is printed: items wait here
 * until the tail catches up ({@link #flush()}), or until more than {@code capacity} wait,
 * when the earliest goes out. Within what was read, output is in order; an item read
 * after a later one was printed cannot be put before it.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
final class ReorderWindow<T> {

	/** Items held at most before the earliest is printed anyway. */
	static final int CAPACITY = 10_000;

	private final PriorityQueue<Held<T>> held;

	private final int capacity;

	private final Consumer<T> emit;

	private long arrivals;

	ReorderWindow(int capacity, Comparator<T> order, Consumer<T> emit) {
		this.capacity = capacity;
		this.emit = emit;
		// Ties keep read order, so equal timestamps never swap.
		this.held = new PriorityQueue<>(
				Comparator.<Held<T>, T>comparing(Held::item, order).thenComparingLong(Held::arrival));
	}

	synchronized void add(T item) {
		this.held.add(new Held<>(item, this.arrivals++));
		if (this.held.size() > this.capacity) {
			this.emit.accept(this.held.poll().item());
		}
	}

	synchronized void flush() {
		while (!this.held.isEmpty()) {
			this.emit.accept(this.held.poll().item());
		}
	}

	private record Held<T>(T item, long arrival) {
	}

}
