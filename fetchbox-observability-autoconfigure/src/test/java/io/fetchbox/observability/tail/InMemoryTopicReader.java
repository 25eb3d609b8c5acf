package io.fetchbox.observability.tail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;

import io.fetchbox.observability.messages.JobLog;

/**
 * A {@link TopicReader} over in-memory partitions that follows the server's rules for
 * keyed placement and polling strategies (protocol notes, section 7), for fast tests of
 * the tail logic. End-to-end tests use the Iggy testkit instead.
 */
public class InMemoryTopicReader implements TopicReader {

	private final String topic;

	private final List<List<Message>> partitions = new ArrayList<>();

	public final AtomicInteger polls = new AtomicInteger();

	public final AtomicInteger failNextPolls = new AtomicInteger();

	public InMemoryTopicReader(String topic, int partitionCount) {
		this.topic = topic;
		for (int i = 0; i < partitionCount; i++) {
			this.partitions.add(new ArrayList<>());
		}
	}

	public synchronized void append(String key, Map<String, String> headers, byte[] payload, long timestampMicros) {
		List<Message> partition = this.partitions.get((int) JobPartitions.partitionOf(key, this.partitions.size()));
		Map<HeaderKey, HeaderValue> userHeaders = new HashMap<>();
		headers.forEach((name, value) -> userHeaders.put(HeaderKey.fromString(name), HeaderValue.fromString(value)));
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(),
				BigInteger.valueOf(partition.size()), BigInteger.valueOf(timestampMicros), BigInteger.ZERO, 0L,
				(long) payload.length, BigInteger.ZERO);
		partition.add(new Message(header, payload, userHeaders));
	}

	public void appendLog(JobLog log, long timestampMicros) {
		append(log.getJobId(), Map.of("job_id", log.getJobId()), log.toByteArray(), timestampMicros);
	}

	@Override
	public CompletableFuture<Long> partitionCount(String topic) {
		if (!this.topic.equals(topic)) {
			return CompletableFuture.failedFuture(new TailNotFoundException("topic '" + topic + "' not found"));
		}
		return CompletableFuture.completedFuture((long) this.partitions.size());
	}

	@Override
	public synchronized CompletableFuture<PolledMessages> poll(String topic, long partitionId, PollingStrategy strategy,
			long count) {
		this.polls.incrementAndGet();
		if (this.failNextPolls.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("pollMessages"));
		}
		List<Message> partition = this.partitions.get((int) partitionId);
		int start = switch (strategy.kind()) {
			case Offset -> strategy.value().intValue();
			case First -> 0;
			case Timestamp -> firstAtOrAfter(partition, strategy.value().longValue());
			default -> throw new UnsupportedOperationException(strategy.kind().toString());
		};
		List<Message> result = new ArrayList<>();
		for (int i = start; i < partition.size() && result.size() < count; i++) {
			result.add(partition.get(i));
		}
		long current = partition.isEmpty() ? 0 : partition.size() - 1;
		return CompletableFuture.completedFuture(
				new PolledMessages(partitionId, BigInteger.valueOf(current), (long) result.size(), result));
	}

	private static int firstAtOrAfter(List<Message> partition, long micros) {
		for (int i = 0; i < partition.size(); i++) {
			if (partition.get(i).header().timestamp().longValue() >= micros) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

}
