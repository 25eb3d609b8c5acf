package io.fetchbox.sample.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.iggy.JobTopicConsumer;

/**
 * Starts consuming tasks when the application starts; on shutdown stops polling, lets
 * in-flight tasks finish within the grace period (their reports are sent and their
 * offsets committed), and abandons the rest to redelivery. Stops before the Iggy client
 * and the job log appender, which then flush what is left.
 */
class WorkerLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkerLifecycle.class);

	private final SupervisedIggyClient client;

	private final IggyTopology topology;

	private final TaskProcessor processor;

	private final ExecutorService executor;

	private final WorkerEvents events;

	private final SampleWorkerProperties properties;

	private volatile @Nullable JobTopicConsumer consumer;

	WorkerLifecycle(SupervisedIggyClient client, IggyTopology topology, TaskProcessor processor,
			ExecutorService executor, WorkerEvents events, SampleWorkerProperties properties) {
		this.client = client;
		this.topology = topology;
		this.processor = processor;
		this.executor = executor;
		this.events = events;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.consumer = JobTopicConsumer.start(this.client, this.topology.stream(), this.topology.tasks().name(),
				this.properties.getGroup(), this.properties.getMaxInflightTasks(), this.properties.getPollInterval(),
				this.processor::submit, this.events::lag);
		logger.info("Consuming {} in group '{}' with up to {} tasks in flight", this.topology.tasks().name(),
				this.properties.getGroup(), this.properties.getMaxInflightTasks());
	}

	@Override
	public void stop() {
		JobTopicConsumer current = this.consumer;
		this.consumer = null;
		if (current != null) {
			boolean finished = current.stop(this.properties.getShutdownGracePeriod());
			if (finished) {
				logger.info("Stopped consuming; in-flight tasks finished");
			}
			else {
				logger.warn("Stopped consuming; tasks still running after {} are abandoned and will be delivered again",
						this.properties.getShutdownGracePeriod());
			}
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.consumer != null;
	}

}
