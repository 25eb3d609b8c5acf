package io.fetchbox.observability.iggy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.topic.CompressionAlgorithm;

/**
 * FetchBox's stream and topics (PRODUCT.md section 2), with partition counts, and the
 * provisioning of the missing ones.
 *
 * @param stream stream name
 * @param tasks {@code DownloadTask} topic
 * @param status {@code JobStatus} topic
 * @param logs {@code JobLog} topic
 * @param dlq {@code DeadLetterTask} topic
 * @since 0.1.0
 */
public record IggyTopology(String stream, Topic tasks, Topic status, Topic logs, Topic dlq) {

	/** The wire contract's defaults. */
	public static final IggyTopology DEFAULT = new IggyTopology("fetchbox", new Topic("jobs.tasks", 8),
			new Topic("jobs.status", 4), new Topic("jobs.logs", 4), new Topic("jobs.dlq", 2));

	/**
	 * All topics.
	 * @return tasks, status, logs and dlq, in that order
	 */
	public List<Topic> topics() {
		return List.of(this.tasks, this.status, this.logs, this.dlq);
	}

	/**
	 * The stream identifier.
	 * @return the stream id by name
	 */
	public StreamId streamId() {
		return StreamId.of(this.stream);
	}

	/**
	 * Create the stream and any topic that does not exist yet; one that exists is left as
	 * it is. A concurrent creation ({@link IggyConflictException}) counts as existing.
	 * @param client a connected, authenticated client
	 * @param timeout bound of each SDK call
	 * @return completes when the topology exists
	 */
	public CompletableFuture<Void> provision(AsyncIggyTcpClient client, Duration timeout) {
		CompletableFuture<Void> result = bounded(client.streams().getStream(streamId()), timeout)
			.thenCompose((existing) -> existing.isPresent() ? CompletableFuture.completedFuture(null)
					: ignoreConflict(bounded(client.streams().createStream(this.stream), timeout)));
		for (Topic topic : topics()) {
			result = result.thenCompose((ignored) -> provisionTopic(client, topic, timeout));
		}
		return result;
	}

	private CompletableFuture<Void> provisionTopic(AsyncIggyTcpClient client, Topic topic, Duration timeout) {
		return bounded(client.topics().getTopic(streamId(), topic.topicId()), timeout)
			.thenCompose((existing) -> existing.isPresent() ? CompletableFuture.completedFuture(null)
					: ignoreConflict(bounded(client.topics()
						.createTopic(streamId(), (long) topic.partitions(), CompressionAlgorithm.None, BigInteger.ZERO,
								BigInteger.ZERO, Optional.empty(), topic.name()),
							timeout)));
	}

	private static <T> CompletableFuture<T> bounded(CompletableFuture<T> future, Duration timeout) {
		return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static CompletableFuture<Void> ignoreConflict(CompletableFuture<?> creation) {
		return creation.handle((created, ex) -> {
			if (ex != null && !(IggyFailures.unwrap(ex) instanceof IggyConflictException)) {
				throw IggyFailures.asCompletionException(ex);
			}
			return null;
		});
	}

	/**
	 * A topic name with its partition count.
	 *
	 * @param name topic name
	 * @param partitions number of partitions to create it with
	 */
	public record Topic(String name, int partitions) {

		public Topic {
			if (name.isBlank()) {
				throw new IllegalArgumentException("'name' must not be blank");
			}
			if (partitions < 1) {
				throw new IllegalArgumentException("'partitions' must be at least 1");
			}
		}

		/**
		 * The topic identifier.
		 * @return the topic id by name
		 */
		public TopicId topicId() {
			return TopicId.of(this.name);
		}

	}

}
