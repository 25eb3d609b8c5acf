package io.fetchbox.observability.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Meters of the API service: job submissions and operator requests. The request counter
 * {@code fetchbox_api_requests_total} is recorded by the starter for every request
 * ({@link ApiRequestMetrics}), not here.
 *
 * <pre class="code">
 * long start = System.nanoTime();
 * // validate, write the ledger snapshot, publish the tasks
 * apiMetrics.ingestAccepted(body.length, Duration.ofNanos(System.nanoTime() - start));
 * </pre>
 *
 * @since 0.1.0
 */
public class ApiMetrics implements MeterBinder {

	private final CounterFamily<IngestResult> jobs = new CounterFamily<>(FetchboxMeter.INGEST_JOBS,
			(result) -> Tags.of("result", result.tagValue()));

	private final CounterFamily<String> bytes = CounterFamily.single(FetchboxMeter.INGEST_BYTES);

	private final TimerFamily<String> duration = TimerFamily.single(FetchboxMeter.INGEST_DURATION);

	private final CounterFamily<String> operatorRequests = CounterFamily.single(FetchboxMeter.OPERATOR_REQUESTS);

	public ApiMetrics() {
		// Every result shows with 0 from the start, so rate() and alerts work at once.
		for (IngestResult result : IngestResult.values()) {
			this.jobs.add(result, 0);
		}
		this.bytes.add("", 0);
		this.operatorRequests.add("", 0);
	}

	/**
	 * A job submission was accepted.
	 * @param payloadBytes size of the submitted request body
	 * @param duration time from receiving the request to accepting the job
	 */
	public void ingestAccepted(long payloadBytes, Duration duration) {
		Assert.isTrue(payloadBytes >= 0, "'payloadBytes' must not be negative");
		this.bytes.add("", payloadBytes);
		ingest(IngestResult.ACCEPTED, duration);
	}

	/**
	 * A job submission was not accepted (or answered from an earlier one).
	 * @param result why, never {@link IngestResult#ACCEPTED}
	 * @param duration time spent on the submission
	 */
	public void ingestRejected(IngestResult result, Duration duration) {
		Assert.isTrue(result != IngestResult.ACCEPTED, "Use ingestAccepted for accepted submissions");
		ingest(result, duration);
	}

	/**
	 * A request reached an operator endpoint (log tail, job inspection).
	 */
	public void operatorRequest() {
		this.operatorRequests.increment("");
	}

	private void ingest(IngestResult result, Duration duration) {
		this.jobs.increment(result);
		this.duration.record("", duration);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.jobs.bindTo(registry);
		this.bytes.bindTo(registry);
		this.operatorRequests.bindTo(registry);
		this.duration.bindTo(registry);
		this.duration.register("");
	}

}
