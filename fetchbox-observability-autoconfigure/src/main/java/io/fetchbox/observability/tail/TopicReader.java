package io.fetchbox.observability.tail;

import java.util.concurrent.CompletableFuture;

import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

/**
 * The two broker reads a tail needs. {@code IggyTopicReader} (in {@code tail.iggy}) is
 * the real one; tests may supply their own.
 *
 * @since 0.1.0
 */
public interface TopicReader {

	/**
	 * Number of partitions of {@code topic}.
	 * @param topic the topic name
	 * @return the partition count, failed with {@link TailNotFoundException} when the
	 * stream or topic does not exist
	 */
	CompletableFuture<Long> partitionCount(String topic);

	/**
	 * Read up to {@code count} messages of one partition, without committing an offset.
	 * @param topic the topic name
	 * @param partition the partition id
	 * @param strategy where to start
	 * @param count maximum number of messages
	 * @return the polled messages
	 */
	CompletableFuture<PolledMessages> poll(String topic, long partition, PollingStrategy strategy, long count);

}
