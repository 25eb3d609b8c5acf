package io.fetchbox.observability.testkit;

import org.jspecify.annotations.Nullable;

/**
 * An Iggy identifier from the wire: numeric (u32) or string (name).
 *
 * @param id the numeric id, or -1 for a name
 * @param name the name, or {@code null} for a numeric id
 */
record Identifier(long id, @Nullable String name) {

	static Identifier numeric(long id) {
		return new Identifier(id, null);
	}

	static Identifier named(String name) {
		return new Identifier(-1, name);
	}

	boolean matches(int entityId, String entityName) {
		return (this.name != null) ? this.name.equals(entityName) : this.id == entityId;
	}

}
