package io.fetchbox.observability.jobs.iggy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyConnectionInitializer;
import io.fetchbox.observability.iggy.SupervisedIggyClient;

/**
 * Consumer-group poll loop with at-least-once delivery: polls a batch from the partition
 * the server picks, hands every message to the handler (which may run them concurrently),
 * and stores the group offset only once the whole batch is handled. A crash or a stop
 * before that leaves the offset where it was, so the batch is delivered again.
 * <p>
 * It owns a dedicated connection (pool size 1) that joins the group on every reconnect,
 * because group membership is per connection. The loop runs on its own thread and never
 * waits longer than the client's request timeout on the network.
 *
 * @since 0.1.0
 */
public final class JobTopicConsumer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(JobTopicConsumer.class);

	private final SupervisedIggyClient client;

	private final StreamId stream;

	private final TopicId topic;

	private final String group;

	private final int batchSize;

	private final Duration idleDelay;

	private final Function<ReceivedMessage, CompletableFuture<?>> handler;

	private final @Nullable LagListener lagListener;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Create a consumer and start polling.
	 * @param main the service's main client, from which a dedicated one is derived
	 * @param stream the stream name
	 * @param topic the topic name
	 * @param group the consumer group name (created when missing)
	 * @param batchSize the largest batch to poll, which bounds concurrency
	 * @param idleDelay the pause after an empty poll or a failure
	 * @param handler handles one message; the returned future completes when it is done
	 * @param lagListener notified of the lag of each polled partition, or {@code null}
	 * @return the running consumer
	 */
	public static JobTopicConsumer start(SupervisedIggyClient main, String stream, String topic, String group,
			int batchSize, Duration idleDelay, Function<ReceivedMessage, CompletableFuture<?>> handler,
			@Nullable LagListener lagListener) {
		StreamId streamId = StreamId.of(stream);
		TopicId topicId = TopicId.of(topic);
		SupervisedIggyClient dedicated = main.dedicated(group, joinGroup(streamId, topicId, group));
		return new JobTopicConsumer(dedicated, streamId, topicId, group, batchSize, idleDelay, handler, lagListener);
	}

	private JobTopicConsumer(SupervisedIggyClient client, StreamId stream, TopicId topic, String group, int batchSize,
			Duration idleDelay, Function<ReceivedMessage, CompletableFuture<?>> handler,
			@Nullable LagListener lagListener) {
		this.client = client;
		this.stream = stream;
		this.topic = topic;
		this.group = group;
		this.batchSize = batchSize;
		this.idleDelay = idleDelay;
		this.handler = handler;
		this.lagListener = lagListener;
		this.thread = new Thread(this::run, "fetchbox-consumer-" + group);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	static IggyConnectionInitializer joinGroup(StreamId stream, TopicId topic, String group) {
		ConsumerId id = ConsumerId.of(group);
		return (sdk) -> sdk.consumerGroups()
			.getConsumerGroup(stream, topic, id)
			.thenCompose((existing) -> existing.isPresent() ? CompletableFuture.completedFuture(null)
					: sdk.consumerGroups().createConsumerGroup(stream, topic, group).handle((created, ex) -> {
						if (ex != null && !(unwrap(ex) instanceof IggyConflictException)) {
							throw new IllegalStateException("Could not create consumer group '" + group + "'", ex);
						}
						return null;
					}))
			.thenCompose((ignored) -> sdk.consumerGroups().joinConsumerGroup(stream, topic, id));
	}

	/**
	 * Stop polling, let the batch in hand finish within the grace period (its offset is
	 * then committed) and close the connection. Tasks still running after the grace
	 * period are interrupted and not committed: they will be delivered again.
	 * @param grace how long to wait for the batch in hand
	 * @return whether the loop finished within the grace period
	 */
	public boolean stop(Duration grace) {
		this.running = false;
		boolean finished;
		try {
			this.thread.join(Math.max(1, grace.toMillis()));
			finished = !this.thread.isAlive();
			if (!finished) {
				this.thread.interrupt();
				this.thread.join(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finished = false;
		}
		this.client.close();
		return finished;
	}

	@Override
	public void close() {
		stop(Duration.ZERO);
	}

	private void run() {
		while (this.running) {
			try {
				PolledMessages polled = await(this.client.call("poll " + this.group,
						(sdk) -> sdk.messages()
							.pollMessages(this.stream, this.topic, Optional.empty(), consumer(), PollingStrategy.next(),
									(long) this.batchSize, false)));
				if (polled.messages().isEmpty()) {
					pause();
					continue;
				}
				handleBatch(polled);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				if (this.running) {
					logger.debug("Polling group '" + this.group + "' failed: " + ex);
					pause();
				}
			}
		}
	}

	private void handleBatch(PolledMessages polled) throws Exception {
		long partitionId = polled.partitionId();
		List<CompletableFuture<?>> handled = new ArrayList<>();
		long lastOffset = -1;
		for (Message message : polled.messages()) {
			long offset = message.header().offset().longValueExact();
			lastOffset = Math.max(lastOffset, offset);
			ReceivedMessage received = new ReceivedMessage(partitionId, offset, JobMessages.stringHeaders(message),
					message.payload());
			handled.add(invoke(received));
		}
		// Processing time is the handler's business (the worker bounds it with its own
		// timeouts and grace period); only network calls are bounded here.
		CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get();
		BigInteger committed = BigInteger.valueOf(lastOffset);
		await(this.client.call("commit " + this.group, (sdk) -> sdk.consumerOffsets()
			.storeConsumerOffset(this.stream, this.topic, Optional.of(partitionId), consumer(), committed)));
		if (this.lagListener != null) {
			this.lagListener.lag(partitionId, Math.max(0, polled.currentOffset().longValue() - lastOffset));
		}
	}

	private CompletableFuture<?> invoke(ReceivedMessage received) {
		try {
			return this.handler.apply(received);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private Consumer consumer() {
		return Consumer.group(ConsumerId.of(this.group));
	}

	private void pause() {
		try {
			Thread.sleep(this.idleDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
		try {
			// The supervised client bounds every call; this is a second safety net.
			return future.get(5, TimeUnit.MINUTES);
		}
		catch (TimeoutException ex) {
			throw new ExecutionException(ex);
		}
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	/**
	 * Receives the consumer lag of each polled partition, in messages.
	 */
	@FunctionalInterface
	public interface LagListener {

		/**
		 * Called after a batch is committed.
		 * @param partitionId the partition
		 * @param lag messages after the committed offset
		 */
		void lag(long partitionId, long lag);

	}

}
