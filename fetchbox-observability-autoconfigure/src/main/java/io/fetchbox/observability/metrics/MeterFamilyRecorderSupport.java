package io.fetchbox.observability.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Base of the typed recorders: one {@link FamilyExport} per owned family, bound together.
 */
abstract class MeterFamilyRecorderSupport implements MeterFamilyRecorder, MeterBinder {

	private final Map<MeterFamily, FamilyExport> exports = new EnumMap<>(MeterFamily.class);

	MeterFamilyRecorderSupport(MeterFamily... families) {
		for (MeterFamily family : families) {
			this.exports.put(family, new FamilyExport());
		}
	}

	final FamilyExport export(MeterFamily family) {
		FamilyExport export = this.exports.get(family);
		Assert.isTrue(export != null, () -> getClass().getSimpleName() + " does not record the " + family.key()
				+ " family (it records " + families() + ")");
		return export;
	}

	@Override
	public final Set<MeterFamily> families() {
		return Collections.unmodifiableSet(EnumSet.copyOf(this.exports.keySet()));
	}

	@Override
	public final void familyInUse(MeterFamily family) {
		export(family).inUse();
	}

	@Override
	public final void forceFamily(MeterFamily family, boolean exported) {
		export(family).force(exported);
	}

	/**
	 * Bind the families: each is registered now if it is already in use or forced on,
	 * otherwise on its first use.
	 */
	@Override
	public final void bindTo(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.exports.values().forEach((export) -> export.bindTo(registry));
	}

}
