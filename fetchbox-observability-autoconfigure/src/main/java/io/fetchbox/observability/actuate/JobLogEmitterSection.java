package io.fetchbox.observability.actuate;

import io.fetchbox.observability.joblog.JobLogPipeline;

/**
 * The job log emitter: buffer, counters by outcome and drop reason, last send error.
 *
 * @since 0.1.0
 */
public class JobLogEmitterSection implements FetchboxEndpointSection {

	private final JobLogPipeline pipeline;

	public JobLogEmitterSection(JobLogPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public String name() {
		return "emitter";
	}

	@Override
	public Object snapshot() {
		return this.pipeline.state();
	}

}
