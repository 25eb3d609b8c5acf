package io.fetchbox.observability.tail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderKind;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.MessageHeaders;

/**
 * One running tail of a {@link JobTailer}: finds the job's partition, polls it from the
 * start point, passes on the job's messages and, when following, polls again with a
 * growing back-off while idle. Every step runs on the tailer's worker pool.
 */
final class JobTailSession implements TailSession {

	private static final HeaderKey JOB_ID_HEADER = HeaderKey.fromString(MessageHeaders.JOB_ID);

	private static final HeaderKey RESOURCE_ID_HEADER = HeaderKey.fromString(MessageHeaders.RESOURCE_ID);

	private final TopicReader reader;

	private final TailSettings settings;

	private final Executor workers;

	private final Set<JobTailSession> sessions;

	private final TailRequest request;

	private final TailListener listener;

	private final CompletableFuture<Void> completion = new CompletableFuture<>();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final long sinceMicros;

	private volatile long partition = -1;

	private volatile long jobMessages;

	private PollingStrategy next;

	private long idleDelayMillis;

	JobTailSession(TopicReader reader, TailSettings settings, Executor workers, Set<JobTailSession> sessions,
			TailRequest request, TailListener listener) {
		this.reader = reader;
		this.settings = settings;
		this.workers = workers;
		this.sessions = sessions;
		this.request = request;
		this.listener = listener;
		TailStart start = request.start();
		if (start instanceof TailStart.Offset offset) {
			this.next = PollingStrategy.offset(BigInteger.valueOf(offset.offset()));
			this.sinceMicros = 0;
		}
		else if (start instanceof TailStart.Since since) {
			long micros = TimeUnit.SECONDS.toMicros(since.time().getEpochSecond())
					+ TimeUnit.NANOSECONDS.toMicros(since.time().getNano());
			this.next = PollingStrategy.timestamp(BigInteger.valueOf(Math.max(0, micros)));
			this.sinceMicros = micros;
		}
		else {
			this.next = PollingStrategy.first();
			this.sinceMicros = 0;
		}
		resetIdle();
	}

	void begin() {
		if (isStopped()) {
			return;
		}
		this.reader.partitionCount(this.request.topic()).whenCompleteAsync(this::onPartitionCount, this.workers);
	}

	private void onPartitionCount(@Nullable Long count, @Nullable Throwable error) {
		if (isStopped()) {
			return;
		}
		if (error != null || count == null) {
			end(unwrap((error != null) ? error : new TailNotFoundException("no partition count")));
			return;
		}
		try {
			this.partition = JobPartitions.partitionOf(this.request.jobId(), count);
		}
		catch (IllegalArgumentException ex) {
			end(new TailNotFoundException("topic '" + this.request.topic() + "' has no partitions"));
			return;
		}
		if (this.request.start() instanceof TailStart.Offset offset
				&& offset.partition() != TailStart.Offset.ANY_PARTITION && offset.partition() != this.partition) {
			// An offset of another partition: start over rather than skip records.
			this.next = PollingStrategy.first();
		}
		poll();
	}

	private void poll() {
		if (isStopped()) {
			return;
		}
		try {
			this.reader.poll(this.request.topic(), this.partition, this.next, this.settings.batchSize())
				.whenCompleteAsync(this::onPolled, this.workers);
		}
		catch (RuntimeException ex) {
			onPolled(null, ex);
		}
	}

	private void onPolled(@Nullable PolledMessages polled, @Nullable Throwable error) {
		if (isStopped()) {
			return;
		}
		try {
			if (error != null || polled == null) {
				Throwable cause = unwrap((error != null) ? error : new IllegalStateException("empty poll"));
				if (!this.request.follow() || cause instanceof TailNotFoundException) {
					end(cause);
					return;
				}
				this.listener.onRetry(cause);
				later(this.settings.maxIdleDelay().toMillis());
				return;
			}
			long last = -1;
			for (Message message : polled.messages()) {
				if (isStopped()) {
					return;
				}
				last = message.header().offset().longValue();
				deliverIfOurs(message, last);
			}
			if (last >= 0) {
				this.next = PollingStrategy.offset(BigInteger.valueOf(last + 1));
			}
			boolean caughtUp = last < 0 || last >= polled.currentOffset().longValue();
			if (!caughtUp) {
				resetIdle();
				poll();
			}
			else if (!this.request.follow()) {
				end(null);
			}
			else {
				if (last >= 0) {
					resetIdle();
				}
				this.listener.onIdle();
				later(this.idleDelayMillis);
				this.idleDelayMillis = Math.min(this.idleDelayMillis * 2, this.settings.maxIdleDelay().toMillis());
			}
		}
		catch (Exception ex) {
			end(ex);
		}
	}

	private void deliverIfOurs(Message message, long offset) throws Exception {
		String jobId = header(message, JOB_ID_HEADER);
		if (jobId == null && this.request.payloadJobId() != null) {
			jobId = this.request.payloadJobId().apply(message.payload());
		}
		if (!this.request.jobId().equals(jobId)) {
			return;
		}
		long timestamp = message.header().timestamp().longValue();
		if (timestamp < this.sinceMicros) {
			return;
		}
		this.jobMessages++;
		this.listener.onMessage(new JobMessage(this.partition, offset, timestamp, message.payload(),
				header(message, RESOURCE_ID_HEADER)));
	}

	private void later(long delayMillis) {
		Executor delayed = CompletableFuture.delayedExecutor(Math.max(1, delayMillis), TimeUnit.MILLISECONDS,
				this.workers);
		delayed.execute(this::poll);
	}

	private void resetIdle() {
		this.idleDelayMillis = Math.max(1, this.settings.minIdleDelay().toMillis());
	}

	private boolean isStopped() {
		return this.ended.get();
	}

	private void end(@Nullable Throwable error) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		this.sessions.remove(this);
		try {
			this.listener.onEnd(error);
		}
		finally {
			if (error != null) {
				this.completion.completeExceptionally(error);
			}
			else {
				this.completion.complete(null);
			}
		}
	}

	@Override
	public void stop() {
		end(null);
	}

	@Override
	public CompletableFuture<Void> completion() {
		return this.completion;
	}

	@Override
	public long partition() {
		return this.partition;
	}

	@Override
	public long jobMessages() {
		return this.jobMessages;
	}

	private static @Nullable String header(Message message, HeaderKey key) {
		HeaderValue value = message.userHeaders().get(key);
		if (value == null) {
			return null;
		}
		return (value.kind() == HeaderKind.String || value.kind() == HeaderKind.Raw)
				? new String(value.value(), StandardCharsets.UTF_8) : value.toString();
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
