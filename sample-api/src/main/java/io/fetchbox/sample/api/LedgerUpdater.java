package io.fetchbox.sample.api;

import java.util.concurrent.CompletableFuture;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.iggy.JobTopicConsumer;
import io.fetchbox.observability.jobs.iggy.ReceivedMessage;
import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.messages.MessageHeaders;

/**
 * Keeps the ledger current from the status topic, on its own consumer-group connection.
 */
class LedgerUpdater implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LedgerUpdater.class);

	private final SupervisedIggyClient client;

	private final IggyTopology topology;

	private final JobLedger ledger;

	private final LedgerEvents events;

	private final SampleApiProperties properties;

	private volatile @Nullable JobTopicConsumer consumer;

	LedgerUpdater(SupervisedIggyClient client, IggyTopology topology, JobLedger ledger, LedgerEvents events,
			SampleApiProperties properties) {
		this.client = client;
		this.topology = topology;
		this.ledger = ledger;
		this.events = events;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.consumer = JobTopicConsumer.start(this.client, this.topology.stream(), this.topology.status().name(),
				this.properties.getStatusGroup(), 100, this.properties.getStatusPollInterval(), this::handle,
				this.events::statusLag);
	}

	private CompletableFuture<?> handle(ReceivedMessage message) {
		JobStatus status;
		try {
			status = JobStatus.parseFrom(message.payload());
		}
		catch (InvalidProtocolBufferException ex) {
			// A poison message must not block the partition: skip it, visibly.
			logger.warn("Skipping undecodable status message at " + message.partitionId() + ":" + message.offset());
			return CompletableFuture.completedFuture(null);
		}
		this.events.statusApplied(this.ledger.apply(status, message.headers().get(MessageHeaders.RESOURCE_ID)));
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void stop() {
		JobTopicConsumer current = this.consumer;
		if (current != null) {
			current.stop(java.time.Duration.ofSeconds(5));
			this.consumer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.consumer != null;
	}

}
