package io.fetchbox.observability.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.MessageHeaders;
import io.fetchbox.observability.tail.JobPartitions;

/**
 * {@code publish-task}: publish one {@code DownloadTask} read from a JSON file.
 *
 * @since 0.1.0
 */
@Command(name = "publish-task", sortOptions = false, mixinStandardHelpOptions = true,
		description = { "Publish one DownloadTask, read from a JSON file, to the jobs.tasks topic.",
				"The JSON uses the protobuf field names of fetchbox.jobs.DownloadTask (snake_case or lowerCamelCase); "
						+ "job_id, job_type, resource_id and an absolute http(s) url are required.",
				"The message is keyed by job_id and carries the job_id and content-type headers (and traceparent "
						+ "when trace_id is set), like the API's." },
		footer = { "", "Example task.json:",
				"  {\"job_id\": \"7f3c\", \"job_type\": \"crawl\", \"tenant\": \"acme\", \"resource_id\": \"r-1\",",
				"   \"url\": \"https://example.com/a.pdf\", \"headers\": [{\"name\": \"Accept\", \"value\": \"*/*\"}]}",
				"", "Exit codes: 0 ok, 1 usage or invalid task file, 2 connection or authentication, "
						+ "3 stream/topic not found." })
final class PublishTaskCommand implements Callable<Integer> {

	private static final String CONTENT_TYPE = MessageHeaders.contentType(DownloadTask.getDefaultInstance());

	@Option(names = "--file", required = true, paramLabel = "FILE", description = "JSON file holding the task.")
	Path file;

	@Option(names = "--topic", paramLabel = "NAME", defaultValue = "jobs.tasks",
			description = "Tasks topic. Default: ${DEFAULT-VALUE}.")
	String topic;

	@Mixin
	ConnectionOptions connection;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		DownloadTask task = TaskFile.read(this.file);
		try (IggyConnection iggy = this.connection.open()) {
			StreamId stream = StreamId.of(this.connection.stream);
			TopicId topicId = TopicId.of(this.topic);
			long partitions = iggy
				.await("getTopic", iggy.call("getTopic", (client) -> client.topics().getTopic(stream, topicId)))
				.orElseThrow(() -> new CliException(CliException.NOT_FOUND,
						"topic '" + this.topic + "' not found in stream '" + this.connection.stream + "'"))
				.partitionsCount();
			Message message = message(task);
			iggy.await("sendMessages", iggy.call("sendMessages", (client) -> client.messages()
				.sendMessages(stream, topicId, Partitioning.messagesKey(task.getJobId()), List.of(message))));
			this.spec.commandLine()
				.getOut()
				.println("published task job_id=" + task.getJobId() + " resource_id=" + task.getResourceId() + " to "
						+ this.connection.stream + "/" + this.topic + " partition="
						+ JobPartitions.partitionOf(task.getJobId(), partitions));
		}
		return 0;
	}

	private static Message message(DownloadTask task) {
		byte[] payload = task.toByteArray();
		Map<HeaderKey, HeaderValue> headers = new HashMap<>();
		headers.put(HeaderKey.fromString(MessageHeaders.JOB_ID), HeaderValue.fromString(task.getJobId()));
		headers.put(HeaderKey.fromString(MessageHeaders.CONTENT_TYPE), HeaderValue.fromString(CONTENT_TYPE));
		if (!task.getTraceId().isEmpty()) {
			String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
			headers.put(HeaderKey.fromString(MessageHeaders.TRACEPARENT),
					HeaderValue.fromString("00-" + task.getTraceId() + "-" + spanId + "-01"));
		}
		MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.ZERO, 0L, (long) payload.length, BigInteger.ZERO);
		return new Message(header, payload, Map.of()).withUserHeaders(headers);
	}

}
