package io.fetchbox.observability.joblog.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyClientListener;
import io.fetchbox.observability.iggy.IggyConnectionState;
import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogListener;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.metrics.FetchboxMeter;

/**
 * Meters of the job log emitter, named by their entries in the {@link FetchboxMeter}
 * catalog. The record and batch counts are the pipeline's own counters, read when the
 * registry asks; the send latency comes from the pipeline's listener SPI and the
 * reconnections from the Iggy client's.
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
		functionCounter(FetchboxMeter.LOG_EMITTER_SENT, JobLogPipeline::sent).register(registry);
		for (DropReason reason : DropReason.values()) {
			functionCounter(FetchboxMeter.LOG_EMITTER_DROPPED, (p) -> p.dropped(reason)).tag("reason", reason.tag())
				.register(registry);
		}
		gauge(FetchboxMeter.LOG_EMITTER_QUEUED, JobLogPipeline::queuedRecords).register(registry);
		gauge(FetchboxMeter.LOG_EMITTER_QUEUED_BYTES, JobLogPipeline::queuedBytes).register(registry);
		functionCounter(FetchboxMeter.LOG_EMITTER_BATCHES, JobLogPipeline::batchesSent).tag("outcome", "sent")
			.register(registry);
		functionCounter(FetchboxMeter.LOG_EMITTER_BATCHES, JobLogPipeline::batchesFailed).tag("outcome", "failed")
			.register(registry);
		FetchboxMeter reconnects = FetchboxMeter.LOG_EMITTER_RECONNECTS;
		FunctionCounter.builder(reconnects.meterName(), this.reconnects, LongAdder::doubleValue)
			.description(reconnects.description())
			.baseUnit(reconnects.baseUnit())
			.register(registry);
		// No histogram buckets (unlike the catalog's latency timers): count, sum and max.
		FetchboxMeter send = FetchboxMeter.LOG_EMITTER_SEND;
		this.sendTimer = Timer.builder(send.meterName()).description(send.description()).register(registry);
	}

	private FunctionCounter.Builder<JobLogPipeline> functionCounter(FetchboxMeter meter,
			ToDoubleFunction<JobLogPipeline> count) {
		return FunctionCounter.builder(meter.meterName(), this.pipeline, count)
			.description(meter.description())
			.baseUnit(meter.baseUnit());
	}

	private Gauge.Builder<JobLogPipeline> gauge(FetchboxMeter meter, ToDoubleFunction<JobLogPipeline> value) {
		return Gauge.builder(meter.meterName(), this.pipeline, value)
			.description(meter.description())
			.baseUnit(meter.baseUnit());
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
