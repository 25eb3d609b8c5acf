package io.fetchbox.sample.worker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.health.FilesystemStorageHealthProbe;
import io.fetchbox.observability.health.S3StorageHealthProbe;
import io.fetchbox.observability.health.StorageHealthProbe;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.TaskObservations;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.metrics.QueueMetrics;
import io.fetchbox.observability.metrics.WorkerMetrics;

/**
 * Wiring of the sample worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleWorkerProperties.class)
class SampleWorkerConfiguration {

	@Bean
	WorkerEvents workerEvents(WorkerMetrics workerMetrics, QueueMetrics queueMetrics, IggyTopology topology,
			SampleWorkerProperties properties) {
		return new WorkerEvents(workerMetrics, queueMetrics, topology.tasks().name(), properties.getGroup());
	}

	@Bean
	Downloader downloader(SampleWorkerProperties properties, WorkerEvents events) {
		return new Downloader(properties, events);
	}

	@Bean
	ObjectStorage objectStorage(SampleWorkerProperties properties) {
		SampleWorkerProperties.S3 s3 = properties.getStorage().getS3();
		if (s3.getBucket() == null || s3.getBucket().isBlank()) {
			return new LocalObjectStorage(Path.of(properties.getStorage().getLocalDir()));
		}
		S3ClientBuilder builder = S3Client.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.region(Region.of(s3.getRegion()))
			.forcePathStyle(s3.isPathStyle());
		if (s3.getEndpoint() != null && !s3.getEndpoint().isBlank()) {
			builder.endpointOverride(URI.create(s3.getEndpoint()));
		}
		if (s3.getAccessKey() != null && s3.getSecretKey() != null) {
			builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.getAccessKey(), s3.getSecretKey())));
		}
		else {
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
		return new S3ObjectStorage(builder.build(), s3.getBucket());
	}

	/**
	 * Readiness checks the storage the worker really writes to: the bucket, or the
	 * directory.
	 */
	@Bean
	StorageHealthProbe storageHealthProbe(ObjectStorage storage) {
		if (storage instanceof S3ObjectStorage s3) {
			return new S3StorageHealthProbe(s3.client(), s3.bucket());
		}
		return new FilesystemStorageHealthProbe(((LocalObjectStorage) storage).root());
	}

	@Bean
	JobReports jobReports(SupervisedIggyClient client, IggyTopology topology, TaskPublishing publishing) {
		return new JobReports(client, topology, publishing, Clock.systemUTC());
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService taskExecutor(SampleWorkerProperties properties) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, "task-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newFixedThreadPool(properties.getMaxInflightTasks(), threads);
	}

	@Bean
	TaskProcessor taskProcessor(TaskObservations observations, Downloader downloader, ObjectStorage storage,
			JobReports reports, WorkerEvents events, ExecutorService taskExecutor) {
		return new TaskProcessor(observations, downloader, storage, reports, events, taskExecutor);
	}

	@Bean
	WorkerLifecycle workerLifecycle(SupervisedIggyClient client, IggyTopology topology, TaskProcessor processor,
			ExecutorService taskExecutor, WorkerEvents events, SampleWorkerProperties properties) {
		return new WorkerLifecycle(client, topology, processor, taskExecutor, events, properties);
	}

}
