package io.fetchbox.observability.joblog.metrics;

import java.time.Duration;
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
 * Meters of the job log emitter. The record and batch counts are the pipeline's own
 * counters, read when the registry asks; the send latency comes from the pipeline's
 * listener SPI and the reconnections from the Iggy client's.
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

	private final LongAdder reconnects = new LongAdder();

	private volatile @Nullable Timer sendTimer;

	/**
	 * Create the binder and subscribe it to the pipeline.
	 * @param pipeline the pipeline
	 */
	public JobLogEmitterMetrics(JobLogPipeline pipeline) {
		this.pipeline = pipeline;
		pipeline.addListener(this);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("fetchbox.log.emitter.sent", this.pipeline, JobLogPipeline::sent)
			.description("Job log records delivered to the jobs.logs topic")
			.baseUnit(BaseUnits.EVENTS)
			.register(registry);
		for (DropReason reason : DropReason.values()) {
			FunctionCounter.builder("fetchbox.log.emitter.dropped", this.pipeline, (p) -> p.dropped(reason))
				.description("Job log records dropped")
				.baseUnit(BaseUnits.EVENTS)
				.tag("reason", reason.tag())
				.register(registry);
		}
		Gauge.builder("fetchbox.log.emitter.queued", this.pipeline, JobLogPipeline::queuedRecords)
			.description("Job log records buffered and not yet acknowledged")
			.baseUnit(BaseUnits.EVENTS)
			.register(registry);
		Gauge.builder("fetchbox.log.emitter.queued.bytes", this.pipeline, JobLogPipeline::queuedBytes)
			.description("Estimated size of the job log records not yet acknowledged")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		FunctionCounter.builder("fetchbox.log.emitter.batches", this.pipeline, JobLogPipeline::batchesSent)
			.description("Job log send requests")
			.baseUnit("batches")
			.tag("outcome", "sent")
			.register(registry);
		FunctionCounter.builder("fetchbox.log.emitter.batches", this.pipeline, JobLogPipeline::batchesFailed)
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
	public void batchSent(int records, long bytes, Duration latency) {
		Timer timer = this.sendTimer;
		if (timer != null) {
			timer.record(latency);
		}
	}

	@Override
	public void stateChanged(IggyConnectionState previous, IggyConnectionState current) {
		if (current.isUp() && previous.status() == IggyConnectionState.Status.DOWN) {
			this.reconnects.increment();
		}
	}

}
