package io.fetchbox.observability.tail.iggy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.TopicReader;

/**
 * {@link TopicReader} over Iggy: {@code getTopic} for the partition count, then plain
 * (kind 1) consumer polls on an explicit partition without auto-commit, so readers never
 * disturb each other or any consumer group.
 *
 * @since 0.1.0
 */
public final class IggyTopicReader implements TopicReader {

	private static final Consumer READER = Consumer.of(0L);

	private final IggyCalls calls;

	private final String stream;

	/**
	 * Create a reader for one stream.
	 * @param calls runs SDK calls with a timeout
	 * @param stream the stream name
	 */
	public IggyTopicReader(IggyCalls calls, String stream) {
		this.calls = calls;
		this.stream = stream;
	}

	@Override
	public CompletableFuture<Long> partitionCount(String topic) {
		return this.calls
			.call("getTopic", (client) -> client.topics().getTopic(StreamId.of(this.stream), TopicId.of(topic)))
			.thenApply((details) -> details.orElseThrow(
					() -> new TailNotFoundException("topic '" + topic + "' not found in stream '" + this.stream + "'"))
				.partitionsCount());
	}

	@Override
	public CompletableFuture<PolledMessages> poll(String topic, long partition, PollingStrategy strategy, long count) {
		return this.calls.call("pollMessages",
				(client) -> client.messages()
					.pollMessages(StreamId.of(this.stream), TopicId.of(topic), Optional.of(partition), READER, strategy,
							count, false));
	}

	/**
	 * Stream this reader reads from.
	 * @return the stream name
	 */
	public String stream() {
		return this.stream;
	}

}
