package io.fetchbox.observability.joblog.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyClientListener;
import io.fetchbox.observability.iggy.IggyConnectionState;
import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogListener;
import io.fetchbox.observability.joblog.JobLogPipeline;

/**
 * Meters of the job log emitter, fed by the pipeline's and the Iggy client's listener
 * SPIs. The hot path only touches {@link LongAdder}s; the registry reads them.
 * <ul>
 * <li>{@code fetchbox.log.emitter.sent}: records delivered</li>
 * <li>{@code fetchbox.log.emitter.dropped{reason}}: records dropped, by reason</li>
 * <li>{@code fetchbox.log.emitter.queued} / {@code fetchbox.log.emitter.queued.bytes}:
 * records and bytes not yet acknowledged</li>
 * <li>{@code fetchbox.log.emitter.batches{outcome=sent|failed}}: send requests</li>
 * <li>{@code fetchbox.log.emitter.send}: send latency</li>
 * <li>{@code fetchbox.log.emitter.reconnects}: reconnections of the Iggy client</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class JobLogEmitterMetrics implements MeterBinder, JobLogListener, IggyClientListener {

	private final JobLogPipeline pipeline;

	private final LongAdder sent = new LongAdder();

	private final LongAdder batchesSent = new LongAdder();

	private final LongAdder batchesFailed = new LongAdder();

	private final LongAdder reconnects = new LongAdder();

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private volatile @Nullable Timer sendTimer;

	/**
	 * Create the binder and subscribe it to the pipeline.
	 * @param pipeline the pipeline
	 */
	public JobLogEmitterMetrics(JobLogPipeline pipeline) {
		this.pipeline = pipeline;
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
		pipeline.addListener(this);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("fetchbox.log.emitter.sent", this.sent, LongAdder::doubleValue)
			.description("Job log records delivered to the jobs.logs topic")
			.baseUnit(BaseUnits.EVENTS)
			.register(registry);
		this.dropped.forEach((reason, count) -> FunctionCounter
			.builder("fetchbox.log.emitter.dropped", count, LongAdder::doubleValue)
			.description("Job log records dropped")
			.baseUnit(BaseUnits.EVENTS)
			.tag("reason", reason.tag())
			.register(registry));
		Gauge.builder("fetchbox.log.emitter.queued", this.pipeline, JobLogPipeline::queuedRecords)
			.description("Job log records buffered and not yet acknowledged")
			.baseUnit(BaseUnits.EVENTS)
			.register(registry);
		Gauge.builder("fetchbox.log.emitter.queued.bytes", this.pipeline, JobLogPipeline::queuedBytes)
			.description("Estimated size of the job log records not yet acknowledged")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		FunctionCounter.builder("fetchbox.log.emitter.batches", this.batchesSent, LongAdder::doubleValue)
			.description("Job log send requests")
			.baseUnit("batches")
			.tag("outcome", "sent")
			.register(registry);
		FunctionCounter.builder("fetchbox.log.emitter.batches", this.batchesFailed, LongAdder::doubleValue)
			.description("Job log send requests")
			.baseUnit("batches")
			.tag("outcome", "failed")
			.register(registry);
		FunctionCounter.builder("fetchbox.log.emitter.reconnects", this.reconnects, LongAdder::doubleValue)
			.description("Reconnections of the Iggy client after a failure")
			.register(registry);
		this.sendTimer = Timer.builder("fetchbox.log.emitter.send")
			.description("Time from sending a job log batch to its acknowledgement")
			.register(registry);
	}

	@Override
	public void recordsDropped(DropReason reason, int count) {
		this.dropped.get(reason).add(count);
	}

	@Override
	public void batchSent(int records, long bytes, Duration latency) {
		this.sent.add(records);
		this.batchesSent.increment();
		Timer timer = this.sendTimer;
		if (timer != null) {
			timer.record(latency);
		}
	}

	@Override
	public void batchFailed(int records, String failure, boolean retried) {
		this.batchesFailed.increment();
	}

	@Override
	public void stateChanged(IggyConnectionState previous, IggyConnectionState current) {
		if (current.isUp() && previous.status() == IggyConnectionState.Status.DOWN) {
			this.reconnects.increment();
		}
	}

}
