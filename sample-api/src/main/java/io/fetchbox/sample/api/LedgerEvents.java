package io.fetchbox.sample.api;

import java.time.Duration;

import io.fetchbox.observability.metrics.ApiMetrics;
import io.fetchbox.observability.metrics.IngestResult;
import io.fetchbox.observability.metrics.LedgerMetrics;
import io.fetchbox.observability.metrics.QueueMetrics;

/**
 * What the sample API reports to metrics: ingestion, ledger changes, operator requests,
 * status lag. The one place that talks to the starter's typed metrics API.
 */
class LedgerEvents {

	private final ApiMetrics api;

	private final LedgerMetrics ledger;

	private final QueueMetrics queue;

	private final String statusTopic;

	private final String statusGroup;

	LedgerEvents(ApiMetrics api, LedgerMetrics ledger, QueueMetrics queue, String statusTopic, String statusGroup) {
		this.api = api;
		this.ledger = ledger;
		this.queue = queue;
		this.statusTopic = statusTopic;
		this.statusGroup = statusGroup;
	}

	void jobAccepted(long bytes, Duration duration) {
		this.api.ingestAccepted(bytes, duration);
	}

	void jobRejected(IngestResult result, Duration duration) {
		this.api.ingestRejected(result, duration);
	}

	void jobCreated() {
		this.ledger.jobCreated();
	}

	void statusApplied(JobLedger.Applied applied) {
		switch (applied) {
			case APPLIED -> {
				this.ledger.idempotencyMiss();
				this.ledger.jobUpdated();
			}
			case UPDATED -> this.ledger.jobUpdated();
			case DUPLICATE -> this.ledger.idempotencyHit();
			case UNCHANGED, UNKNOWN -> {
			}
		}
	}

	void operatorRequest() {
		this.api.operatorRequest();
	}

	void statusLag(long partitionId, long lag) {
		this.queue.lag(this.statusTopic, partitionId, this.statusGroup, lag);
	}

}
