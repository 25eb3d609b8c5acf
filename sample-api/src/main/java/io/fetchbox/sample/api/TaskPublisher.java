package io.fetchbox.sample.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;

/**
 * Announces a job on the status topic (a job-level {@code QUEUED} {@link JobStatus} with
 * its resource count, so every reader of {@code jobs.status} knows the total) and
 * publishes one {@link DownloadTask} per resource to the tasks topic, keyed by job id so
 * a job's messages stay in one partition, each task carrying the trace context of the
 * request.
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
	 * Announce the job, then send its tasks in one batch. Must be called on the request
	 * thread (the trace context is read there); completes without blocking it.
	 * @param job the job
	 * @param acceptedAtMs when the job was accepted, milliseconds since the epoch
	 * @return completes when the broker acknowledged the announcement and the batch
	 */
	CompletableFuture<Void> publish(NewJob job, long acceptedAtMs) {
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
		TopicId tasks = TopicId.of(this.topology.tasks().name());
		TopicId status = TopicId.of(this.topology.status().name());
		Message announcement = JobMessages.message(queued(job, acceptedAtMs), job.jobId(), Map.of());
		return this.client
			.call("send job status",
					(sdk) -> sdk.messages()
						.sendMessages(stream, status, Partitioning.messagesKey(job.jobId()), List.of(announcement)))
			.thenCompose((announced) -> this.client.call("send tasks",
					(sdk) -> sdk.messages()
						.sendMessages(stream, tasks, Partitioning.messagesKey(job.jobId()), messages)))
			.whenComplete((ok, error) -> outgoing.forEach((task) -> task.sent(error)));
	}

	private static JobStatus queued(NewJob job, long acceptedAtMs) {
		return JobStatus.newBuilder()
			.setJobId(job.jobId())
			.setJobType(job.jobType())
			.setTenant(job.tenant())
			.setState(JobState.JOB_STATE_QUEUED)
			.setResourcesTotal(job.resources().size())
			.setTimestampMs(acceptedAtMs)
			.build();
	}

}
