package io.fetchbox.sample.worker;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Partitioning;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.OutgoingReport;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.jobs.iggy.JobMessages;
import io.fetchbox.observability.messages.DeadLetterTask;
import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;

/**
 * Sends what a worker reports about a task: {@code JobStatus} updates to the status topic
 * and {@code DeadLetterTask} to the dead-letter topic, keyed by job id with the
 * {@code resource_id} header (so the ledger applies each resource outcome once) and the
 * task's trace context.
 */
class JobReports {

	private final SupervisedIggyClient client;

	private final IggyTopology topology;

	private final TaskPublishing publishing;

	private final Clock clock;

	JobReports(SupervisedIggyClient client, IggyTopology topology, TaskPublishing publishing, Clock clock) {
		this.client = client;
		this.topology = topology;
		this.publishing = publishing;
		this.clock = clock;
	}

	CompletableFuture<Void> started(DownloadTask task) {
		return status(task, JobState.JOB_STATE_IN_PROGRESS, 0, 0, "", "");
	}

	CompletableFuture<Void> completed(DownloadTask task) {
		return status(task, JobState.JOB_STATE_IN_PROGRESS, 1, 0, "", "");
	}

	CompletableFuture<Void> failed(DownloadTask task, String code, String message) {
		return status(task, JobState.JOB_STATE_IN_PROGRESS, 0, 1, code, message);
	}

	CompletableFuture<Void> deadLetter(DownloadTask task, String code, String message, int attempts) {
		DeadLetterTask dead = DeadLetterTask.newBuilder()
			.setTask(task)
			.setFailureCode(code)
			.setFailureMessage(message)
			.setAttempts(attempts)
			.setFailedAtMs(this.clock.millis())
			.build();
		return send(this.topology.dlq().name(), task, dead);
	}

	private CompletableFuture<Void> status(DownloadTask task, JobState state, int completed, int failed, String code,
			String message) {
		JobStatus status = JobStatus.newBuilder()
			.setJobId(task.getJobId())
			.setJobType(task.getJobType())
			.setTenant(task.getTenant())
			.setState(state)
			.setResourcesCompleted(completed)
			.setResourcesFailed(failed)
			.setLastErrorCode(code)
			.setLastErrorMessage(message)
			.setTimestampMs(this.clock.millis())
			.build();
		return send(this.topology.status().name(), task, status);
	}

	private CompletableFuture<Void> send(String topic, DownloadTask task, com.google.protobuf.Message payload) {
		// Called inside the task scope: the headers carry the task's trace context.
		OutgoingReport report = this.publishing.prepareReport(payload, task);
		var message = JobMessages.message(payload, task.getJobId(), report.headers());
		StreamId stream = StreamId.of(this.topology.stream());
		return this.client
			.call("send " + topic, (sdk) -> sdk.messages()
				.sendMessages(stream, TopicId.of(topic), Partitioning.messagesKey(task.getJobId()), List.of(message)))
			.whenComplete((ok, error) -> report.sent(error));
	}

}
