package io.fetchbox.observability.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Id allocation the way the server's slabs do it: 0-based, the most recently freed id is
 * reused first, otherwise the next id is the slab length.
 *
 * @param <T> the entity type
 */
final class Slab<T> {

	private final List<@Nullable T> items = new ArrayList<>();

	private final Deque<Integer> free = new ArrayDeque<>();

	T insert(IntFunction<T> factory) {
		Integer id = this.free.pollFirst();
		if (id == null) {
			T item = factory.apply(this.items.size());
			this.items.add(item);
			return item;
		}
		T item = factory.apply(id);
		this.items.set(id, item);
		return item;
	}

	/** Puts an entity at a known id (used when loading persisted state). */
	void restore(int id, T item) {
		while (this.items.size() <= id) {
			this.items.add(null);
		}
		this.items.set(id, item);
	}

	/** Rebuilds the free list after {@link #restore} calls, lowest id taken first. */
	void rebuildFreeList() {
		this.free.clear();
		for (int i = this.items.size() - 1; i >= 0; i--) {
			if (this.items.get(i) == null) {
				this.free.addFirst(i);
			}
		}
	}

	void clear() {
		this.items.clear();
		this.free.clear();
	}

	@Nullable T get(long id) {
		if (id < 0 || id >= this.items.size()) {
			return null;
		}
		return this.items.get((int) id);
	}

	/**
	 * Resolves a wire identifier: by id, or by exact name.
	 * @param id the identifier
	 * @param nameOf the entity's name
	 * @return the entity, or {@code null}
	 */
	@Nullable T find(Identifier id, Function<T, String> nameOf) {
		if (id.name() == null) {
			return get(id.id());
		}
		for (T item : values()) {
			if (nameOf.apply(item).equals(id.name())) {
				return item;
			}
		}
		return null;
	}

	void remove(int id) {
		if (get(id) != null) {
			this.items.set(id, null);
			this.free.addFirst(id);
		}
	}

	/** Live entities sorted by id. */
	List<T> values() {
		List<T> out = new ArrayList<>();
		for (T item : this.items) {
			if (item != null) {
				out.add(item);
			}
		}
		return out;
	}

	int count() {
		int n = 0;
		for (T item : this.items) {
			if (item != null) {
				n++;
			}
		}
		return n;
	}

}
