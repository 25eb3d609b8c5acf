package io.fetchbox.sample.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.OutgoingTask;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.jobs.iggy.JobMessages;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * Publishes one {@link DownloadTask} per resource to the tasks topic, keyed by job id so
 * a job's tasks stay in one partition, each carrying the trace context of the request.
 */
class TaskPublisher {

	private final SupervisedIggyClient client;

	private final IggyTopology topology;

	private final TaskPublishing publishing;

	TaskPublisher(SupervisedIggyClient client, IggyTopology topology, TaskPublishing publishing) {
		this.client = client;
		this.topology = topology;
		this.publishing = publishing;
	}

	/**
	 * Send the job's tasks in one batch. Must be called on the request thread (the trace
	 * context is read there); completes without blocking it.
	 * @param job the job
	 * @return completes when the broker acknowledged the batch
	 */
	CompletableFuture<Void> publish(NewJob job) {
		List<OutgoingTask> outgoing = new ArrayList<>();
		List<Message> messages = new ArrayList<>();
		for (NewJob.Resource resource : job.resources()) {
			DownloadTask.Builder task = DownloadTask.newBuilder()
				.setJobId(job.jobId())
				.setJobType(job.jobType())
				.setTenant(job.tenant())
				.setResourceId(resource.resourceId())
				.setUrl(resource.url())
				.setAttempt(1);
			resource.headers()
				.forEach((name, value) -> task.addHeaders(
						io.fetchbox.observability.messages.HttpHeader.newBuilder().setName(name).setValue(value)));
			OutgoingTask prepared = this.publishing.prepare(task.build());
			outgoing.add(prepared);
			messages.add(JobMessages.message(prepared.task(), job.jobId(), prepared.headers()));
		}
		StreamId stream = StreamId.of(this.topology.stream());
		TopicId topic = TopicId.of(this.topology.tasks().name());
		return this.client
			.call("send tasks",
					(sdk) -> sdk.messages()
						.sendMessages(stream, topic, Partitioning.messagesKey(job.jobId()), messages))
			.whenComplete((ok, error) -> outgoing.forEach((task) -> task.sent(error)));
	}

}
