package io.fetchbox.observability.tail;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.topic.CompressionAlgorithm;

import io.fetchbox.observability.messages.JobLog;

import static org.awaitility.Awaitility.await;

/**
 * Publishes {@code JobLog} messages with the official SDK the way the appender does: key
 * {@code job_id}, headers {@code job_id}, {@code content-type} and (with a trace)
 * {@code traceparent}. Creates the stream and topic if missing.
 */
public final class SdkJobLogProducer implements AutoCloseable {

	private final IggyTcpClient client;

	private final String stream;

	private final String topic;

	public SdkJobLogProducer(String host, int port, String stream, String topic, long partitions) {
		this.client = IggyTcpClient.builder().host(host).port(port).credentials("iggy", "iggy").buildAndLogin();
		// SDK 0.8.0 returns from login before it marks the client authenticated: wait
		// until an authenticated call goes through.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(IggyNotConnectedException.class)
			.until(() -> this.client.system().getMe() != null);
		this.stream = stream;
		this.topic = topic;
		try {
			this.client.streams().createStream(stream);
		}
		catch (IggyConflictException ex) {
			// exists
		}
		try {
			this.client.topics()
				.createTopic(StreamId.of(stream), partitions, CompressionAlgorithm.None, BigInteger.ZERO,
						BigInteger.ZERO, Optional.empty(), topic);
		}
		catch (IggyConflictException ex) {
			// exists
		}
	}

	public void send(JobLog... logs) {
		for (JobLog log : logs) {
			this.client.messages()
				.sendMessages(StreamId.of(this.stream), TopicId.of(this.topic),
						Partitioning.messagesKey(log.getJobId()), List.of(message(log)));
		}
	}

	public static Message message(JobLog log) {
		byte[] payload = log.toByteArray();
		Map<HeaderKey, HeaderValue> headers = new HashMap<>();
		headers.put(HeaderKey.fromString("job_id"), HeaderValue.fromString(log.getJobId()));
		headers.put(HeaderKey.fromString("content-type"),
				HeaderValue.fromString("application/x-protobuf;type=fetchbox.jobs.JobLog"));
		if (!log.getTraceId().isEmpty()) {
			headers.put(HeaderKey.fromString("traceparent"),
					HeaderValue.fromString("00-" + log.getTraceId() + "-00f067aa0ba902b7-01"));
		}
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.ZERO, 0L, (long) payload.length, BigInteger.ZERO);
		return new Message(header, payload, Map.of()).withUserHeaders(headers);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
