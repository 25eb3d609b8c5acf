package io.fetchbox.observability.autoconfigure.operator;

import org.springframework.context.SmartLifecycle;

import io.fetchbox.observability.operator.JobLogStreamController;

/**
 * Ends the open log streams when the application stops, before the web server's graceful
 * shutdown waits for in-flight requests: a stream lasts until its client goes, so without
 * this a single open {@code curl} would hold shutdown for the whole grace period. A
 * context that is started again (as Spring's test framework does with the contexts it
 * caches) accepts streams again.
 */
final class LogStreamShutdown implements SmartLifecycle {

	private final JobLogStreamController controller;

	private final int phase;

	private volatile boolean running;

	LogStreamShutdown(JobLogStreamController controller, int phase) {
		this.controller = controller;
		this.phase = phase;
	}

	@Override
	public void start() {
		this.controller.resume();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.controller.pause();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
