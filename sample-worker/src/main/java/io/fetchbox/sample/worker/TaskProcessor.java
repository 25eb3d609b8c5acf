package io.fetchbox.sample.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskScope;
import io.fetchbox.observability.jobs.iggy.ReceivedMessage;
import io.fetchbox.observability.messages.DownloadTask;

/**
 * Runs one task inside a task scope: download, store, report. A task that fails for good
 * is dead-lettered and reported as failed; the returned future completes only once every
 * report is acknowledged, so the consumer commits nothing that was not reported.
 */
class TaskProcessor {

	private static final Logger logger = LoggerFactory.getLogger(TaskProcessor.class);

	private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);

	private final TaskObservations observations;

	private final Downloader downloader;

	private final ObjectStorage storage;

	private final JobReports reports;

	private final WorkerEvents events;

	private final ExecutorService executor;

	TaskProcessor(TaskObservations observations, Downloader downloader, ObjectStorage storage, JobReports reports,
			WorkerEvents events, ExecutorService executor) {
		this.observations = observations;
		this.downloader = downloader;
		this.storage = storage;
		this.reports = reports;
		this.events = events;
		this.executor = executor;
	}

	CompletableFuture<Void> submit(ReceivedMessage message) {
		return CompletableFuture.runAsync(() -> process(message), this.executor);
	}

	private void process(ReceivedMessage message) {
		DownloadTask task;
		try {
			task = DownloadTask.parseFrom(message.payload());
		}
		catch (InvalidProtocolBufferException ex) {
			// Without a job id there is nobody to report to: skip, visibly.
			logger.warn("Skipping undecodable task at {}:{}", message.partitionId(), message.offset());
			return;
		}
		try (TaskScope scope = this.observations.start(task, message.headers())) {
			await(this.reports.started(task));
			logger.atInfo().addKeyValue("url", task.getUrl()).log("Downloading {}", task.getUrl());
			try {
				Downloaded downloaded = this.downloader.download(task);
				String location = store(task, downloaded);
				logger.atInfo()
					.addKeyValue("bytes", downloaded.body().length)
					.addKeyValue("pool", downloaded.pool())
					.log("Stored {} bytes at {}", downloaded.body().length, location);
				await(this.reports.completed(task));
				scope.success();
			}
			catch (DownloadFailure failure) {
				scope.deadLettered(failure.code(), failure.getMessage(), failure);
				await(this.reports.deadLetter(task, failure.code(), failure.getMessage(), failure.attempts()));
				this.events.deadLettered();
				await(this.reports.failed(task, failure.code(), failure.getMessage()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Task interrupted; it will be delivered again", ex);
		}
	}

	private String store(DownloadTask task, Downloaded downloaded) throws DownloadFailure {
		try {
			return this.storage.put(ObjectStorage.key(task.getTenant(), task.getJobId(), task.getResourceId()),
					downloaded.body(), downloaded.contentType());
		}
		catch (DownloadFailure failure) {
			this.events.storageFailed(failure.code());
			throw failure;
		}
	}

	private static void await(CompletableFuture<?> report) throws InterruptedException {
		try {
			report.get(REPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Report not acknowledged; the task will be delivered again", ex);
		}
	}

}
