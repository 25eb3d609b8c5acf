package io.fetchbox.observability.autoconfigure.joblog;

import ch.qos.logback.classic.LoggerContext;

import org.springframework.context.SmartLifecycle;

import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogTransport;
import io.fetchbox.observability.joblog.logback.JobLogAppenderInstaller;

/**
 * Attaches the transport when the context starts and, when it stops, delivers what is
 * buffered within the shutdown grace period. Its phase makes it stop after the web server
 * (no new requests) and before the Iggy client is closed.
 *
 * @since 0.1.0
 */
public class JobLogLifecycle implements SmartLifecycle {

	/** Stops after the web server's graceful shutdown and start/stop lifecycles. */
	public static final int PHASE = 0;

	private final JobLogPipeline pipeline;

	private final JobLogTransport transport;

	private final LoggerContext loggerContext;

	private volatile boolean running;

	public JobLogLifecycle(JobLogPipeline pipeline, JobLogTransport transport, LoggerContext loggerContext) {
		this.pipeline = pipeline;
		this.transport = transport;
		this.loggerContext = loggerContext;
	}

	@Override
	public void start() {
		if (!this.pipeline.isClosed()) {
			this.pipeline.attach(this.transport);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.pipeline.close();
		JobLogAppenderInstaller.uninstall(this.loggerContext, this.pipeline);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
