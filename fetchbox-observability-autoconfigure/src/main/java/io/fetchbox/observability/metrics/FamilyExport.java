package io.fetchbox.observability.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Whether one recorder's meters of a {@link MeterFamily} are registered: once the family
 * is in use (or forced on) and a registry is bound, never while it is forced off. Meters
 * outside every family are {@link #always() always} registered once bound. Members
 * register their meters through it and synchronise on it when they add one; all of this
 * happens at startup or on the first use of a key, never per recording.
 */
final class FamilyExport {

	/**
	 * Part of a family: registers its meters when the family is exported.
	 */
	interface Member {

		/**
		 * Register every meter of this member (called with the family's lock held).
		 * @param registry the registry
		 */
		void export(MeterRegistry registry);

	}

	private final List<Member> members = new ArrayList<>();

	private final List<Meter> registered = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	private @Nullable Boolean forced;

	private volatile boolean inUse;

	private boolean exported;

	/**
	 * Meters that are not part of a family: registered as soon as a registry is bound.
	 */
	static FamilyExport always() {
		FamilyExport export = new FamilyExport();
		export.forced = true;
		return export;
	}

	synchronized void add(Member member) {
		this.members.add(member);
		if (this.exported && this.registry != null) {
			member.export(this.registry);
		}
	}

	synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.exported = false;
		this.registered.clear();
		exportIfDue();
	}

	/**
	 * The family is used: export it unless forced off. One volatile read once it is.
	 */
	void inUse() {
		if (!this.inUse) {
			markInUse();
		}
	}

	private synchronized void markInUse() {
		this.inUse = true;
		exportIfDue();
	}

	synchronized void force(boolean exported) {
		this.forced = exported;
		if (exported) {
			exportIfDue();
		}
		else {
			withdraw();
		}
	}

	synchronized boolean forcedOff() {
		return Boolean.FALSE.equals(this.forced);
	}

	/**
	 * The registry the family is exported to, or {@code null} while it is not.
	 */
	synchronized @Nullable MeterRegistry exportedTo() {
		return this.exported ? this.registry : null;
	}

	/**
	 * Remember a meter a member registered, so forcing the family off removes it.
	 */
	synchronized <M extends Meter> M registered(M meter) {
		this.registered.add(meter);
		return meter;
	}

	private void exportIfDue() {
		boolean due = (this.forced != null) ? this.forced : this.inUse;
		MeterRegistry registry = this.registry;
		if (due && !this.exported && registry != null) {
			this.exported = true;
			for (Member member : this.members) {
				member.export(registry);
			}
		}
	}

	private void withdraw() {
		MeterRegistry registry = this.registry;
		if (this.exported && registry != null) {
			this.registered.forEach(registry::remove);
			this.registered.clear();
			this.exported = false;
		}
	}

}
