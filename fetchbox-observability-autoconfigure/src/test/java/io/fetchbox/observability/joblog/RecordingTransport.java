package io.fetchbox.observability.joblog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A transport for pipeline tests: records every batch, can be made not ready, can fail or
 * hold sends.
 */
class RecordingTransport implements JobLogTransport {

	final List<Sent> batches = new CopyOnWriteArrayList<>();

	final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();

	final AtomicInteger failuresToInject = new AtomicInteger();

	volatile boolean ready = true;

	volatile boolean hold;

	volatile Function<Throwable, Boolean> retryable = (failure) -> true;

	@Override
	public boolean isReady() {
		return this.ready;
	}

	@Override
	public CompletableFuture<Void> send(String jobId, List<JobLogRecord> records) {
		if (this.failuresToInject.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return CompletableFuture.failedFuture(new IllegalStateException("injected"));
		}
		this.batches.add(new Sent(jobId, List.copyOf(records)));
		if (this.hold) {
			CompletableFuture<Void> future = new CompletableFuture<>();
			this.held.add(future);
			return future;
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public boolean isRetryable(Throwable failure) {
		return this.retryable.apply(failure);
	}

	List<JobLogRecord> delivered() {
		List<JobLogRecord> all = new ArrayList<>();
		this.batches.forEach((batch) -> all.addAll(batch.records()));
		return all;
	}

	List<JobLogRecord> delivered(String jobId) {
		return delivered().stream().filter((record) -> record.jobId().equals(jobId)).toList();
	}

	record Sent(String jobId, List<JobLogRecord> records) {
	}

}
