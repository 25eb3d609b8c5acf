package io.fetchbox.observability.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Tags;

import org.springframework.util.Assert;

/**
 * Meters of the API service: job submissions (the {@link MeterFamily#INGEST ingest}
 * family) and operator requests (the {@link MeterFamily#OPERATOR operator} family), each
 * registered once the service uses it. The request counter
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
public class ApiMetrics extends MeterFamilyRecorderSupport {

	private final CounterFamily<IngestResult> jobs;

	private final CounterFamily<String> bytes;

	private final TimerFamily<String> duration;

	private final CounterFamily<String> operatorRequests;

	public ApiMetrics() {
		super(MeterFamily.INGEST, MeterFamily.OPERATOR);
		FamilyExport ingest = export(MeterFamily.INGEST);
		// Each result shows at 0 once the family is exported: rate() works at once.
		this.jobs = new CounterFamily<>(ingest, FetchboxMeter.INGEST_JOBS,
				(result) -> Tags.of("result", result.tagValue()));
		for (IngestResult result : IngestResult.values()) {
			this.jobs.showOnExport(result);
		}
		this.bytes = CounterFamily.single(ingest, FetchboxMeter.INGEST_BYTES).showOnExport("");
		this.duration = TimerFamily.single(ingest, FetchboxMeter.INGEST_DURATION).showOnExport("");
		this.operatorRequests = CounterFamily.single(export(MeterFamily.OPERATOR), FetchboxMeter.OPERATOR_REQUESTS)
			.showOnExport("");
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

}
