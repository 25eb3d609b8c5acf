package io.fetchbox.sample.api;

import java.time.Duration;

/**
 * What the sample API reports to metrics: ingestion, ledger changes, status lag. The one
 * place that talks to the starter's typed metrics API.
 */
class LedgerEvents {

	void jobIngested(String result, long bytes, Duration duration) {
	}

	void jobCreated() {
	}

	void statusApplied(JobLedger.Applied applied) {
	}

	void statusLag(long partitionId, long lag) {
	}

}
