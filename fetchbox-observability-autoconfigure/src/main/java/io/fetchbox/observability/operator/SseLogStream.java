package io.fetchbox.observability.operator;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobLogTailListener;
import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.TailedJobLog;

/**
 * Writes one tail session to one {@link SseEmitter}: {@code event: log} with
 * {@code id: partition:offset}, a heartbeat comment when idle for the heartbeat interval,
 * an {@code event: error} when reading fails. A failed write (the client went away)
 * throws, which stops the session; the end of the session completes the emitter and runs
 * {@code onEnd} exactly once.
 *
 * @since 0.1.0
 */
final class SseLogStream implements JobLogTailListener {

	private final SseEmitter emitter;

	private final long heartbeatNanos;

	private final OperatorPrincipal principal;

	private final Runnable onEnd;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile boolean containerDone;

	private volatile boolean writeFailed;

	private volatile long lastWrite = System.nanoTime();

	SseLogStream(SseEmitter emitter, LogStreamSettings settings, OperatorPrincipal principal, Runnable onEnd) {
		this.emitter = emitter;
		this.heartbeatNanos = settings.heartbeatInterval().toNanos();
		this.principal = principal;
		this.onEnd = onEnd;
	}

	@Override
	public void onRecord(TailedJobLog record) throws IOException {
		String tenant = record.log().getFieldsOrDefault(CorrelationKeys.TENANT, "");
		if (!tenant.isEmpty() && !this.principal.mayAccess(tenant)) {
			// Job ids are unique, so this only guards against a mis-tagged record.
			return;
		}
		send(SseEmitter.event().name("log").id(record.eventId()).data(JobLogJson.render(record)));
	}

	@Override
	public void onIdle() throws IOException {
		heartbeat();
	}

	@Override
	public void onRetry(Throwable error) throws IOException {
		heartbeat();
	}

	private void heartbeat() throws IOException {
		if (System.nanoTime() - this.lastWrite >= this.heartbeatNanos) {
			send(SseEmitter.event().comment("heartbeat"));
		}
	}

	private void send(SseEmitter.SseEventBuilder event) throws IOException {
		if (this.containerDone) {
			throw new IOException("Stream already closed");
		}
		try {
			this.emitter.send(event);
			this.lastWrite = System.nanoTime();
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away (or the container closed the request). The container
			// finishes the request itself; touching the emitter again could complete
			// the same request twice.
			this.writeFailed = true;
			throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
	}

	/**
	 * The container ended the request (completion, timeout or error): stop writing.
	 */
	void containerDone() {
		this.containerDone = true;
	}

	@Override
	public void onEnd(@Nullable Throwable error) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		if (this.containerDone || this.writeFailed) {
			this.onEnd.run();
			return;
		}
		try {
			if (error != null) {
				String message = (error instanceof TailNotFoundException) ? "job logs topic not found"
						: "reading job logs failed";
				this.emitter.send(SseEmitter.event().name("error").data("{\"error\":\"" + message + "\"}"));
			}
			this.emitter.complete();
		}
		catch (IOException | RuntimeException ex) {
			// The client is gone; nothing left to tell it.
		}
		finally {
			this.onEnd.run();
		}
	}

}
