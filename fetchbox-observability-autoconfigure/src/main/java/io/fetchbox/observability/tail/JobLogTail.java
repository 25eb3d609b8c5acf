package io.fetchbox.observability.tail;

import com.google.protobuf.InvalidProtocolBufferException;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.JobLog;
import io.fetchbox.observability.messages.LogLevel;

/**
 * Tails a job's {@code JobLog} records: decodes them, drops duplicates by {@code seq} and
 * records below a minimum level. Payloads that are not a {@code JobLog} are skipped.
 *
 * @since 0.1.0
 */
public final class JobLogTail {

	private static final int DEDUP_CAPACITY = 10_000;

	private final JobTailer tailer;

	private final String topic;

	/**
	 * Create a log tail over a tailer.
	 * @param tailer the tailer
	 * @param topic the logs topic, normally {@code jobs.logs}
	 */
	public JobLogTail(JobTailer tailer, String topic) {
		this.tailer = tailer;
		this.topic = topic;
	}

	/**
	 * Start tailing one job's logs.
	 * @param jobId the job id
	 * @param start where to start
	 * @param follow whether to wait for new records once caught up
	 * @param minimumLevel lowest level to pass on
	 * @param listener receives the records
	 * @return the running session
	 */
	public TailSession tail(String jobId, TailStart start, boolean follow, LogLevel minimumLevel,
			JobLogTailListener listener) {
		TailRequest request = new TailRequest(this.topic, jobId, start, follow, JobLogTail::payloadJobId);
		return this.tailer.tail(request, new Decoding(minimumLevel, listener));
	}

	private static @Nullable String payloadJobId(byte[] payload) {
		JobLog log = decode(payload);
		return (log != null) ? log.getJobId() : null;
	}

	private static @Nullable JobLog decode(byte[] payload) {
		try {
			return JobLog.parseFrom(payload);
		}
		catch (InvalidProtocolBufferException ex) {
			return null;
		}
	}

	private static final class Decoding implements TailListener {

		private final SeqDeduplicator deduplicator = new SeqDeduplicator(DEDUP_CAPACITY);

		private final LogLevel minimumLevel;

		private final JobLogTailListener delegate;

		Decoding(LogLevel minimumLevel, JobLogTailListener delegate) {
			this.minimumLevel = minimumLevel;
			this.delegate = delegate;
		}

		@Override
		public void onMessage(JobMessage message) throws Exception {
			JobLog log = decode(message.payload());
			if (log == null || !this.deduplicator.firstTime(log)
					|| !JobLogLevels.atLeast(log.getLevel(), this.minimumLevel)) {
				return;
			}
			this.delegate
				.onRecord(new TailedJobLog(message.partition(), message.offset(), log, message.timestampMicros()));
		}

		@Override
		public void onIdle() throws Exception {
			this.delegate.onIdle();
		}

		@Override
		public void onRetry(Throwable error) throws Exception {
			this.delegate.onRetry(error);
		}

		@Override
		public void onEnd(@Nullable Throwable error) {
			this.delegate.onEnd(error);
		}

	}

}
