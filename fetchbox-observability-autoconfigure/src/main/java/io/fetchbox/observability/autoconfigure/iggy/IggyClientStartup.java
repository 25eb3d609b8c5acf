package io.fetchbox.observability.autoconfigure.iggy;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import io.fetchbox.observability.iggy.SupervisedIggyClient;

/**
 * Starts the supervised Iggy client once the application has started, so that loading the
 * Iggy SDK and Netty and connecting happen on the client's own thread after the context
 * refresh (the web server is up by then) instead of during it.
 * {@link SupervisedIggyClient#start()} returns at once. Until then the client is
 * {@code CONNECTING}: readiness reports it down and the job-log appender keeps buffering.
 * <p>
 * In a {@code SpringApplication} the client starts on {@link ApplicationStartedEvent}
 * (before the application's runners, which may never return); in a context refreshed
 * without one, which publishes no such event, it starts with the other lifecycles.
 * Stopping does nothing: the client is closed when its bean is destroyed, after the
 * job-log flush.
 *
 * @since 0.1.0
 */
public class IggyClientStartup implements SmartLifecycle, ApplicationListener<ApplicationStartedEvent> {

	/** Starts last, after the web server. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	private final SupervisedIggyClient client;

	private final boolean waitForApplicationStarted;

	private volatile boolean running;

	/**
	 * Create the startup.
	 * @param client the client to start
	 * @param waitForApplicationStarted whether a {@code SpringApplication} runs the
	 * context, which publishes {@link ApplicationStartedEvent}
	 */
	public IggyClientStartup(SupervisedIggyClient client, boolean waitForApplicationStarted) {
		this.client = client;
		this.waitForApplicationStarted = waitForApplicationStarted;
	}

	@Override
	public void start() {
		if (!this.waitForApplicationStarted) {
			this.client.start();
		}
		this.running = true;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		this.client.start();
	}

	@Override
	public void stop() {
		this.running = false;
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
