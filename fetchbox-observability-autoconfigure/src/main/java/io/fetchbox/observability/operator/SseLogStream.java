package io.fetchbox.observability.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobLogTailListener;
import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.TailSession;
import io.fetchbox.observability.tail.TailedJobLog;

/**
 * Writes one tail session to one {@link SseEmitter}: {@code event: log} with
 * {@code id: partition:offset}, an {@code event: error} when reading fails. The
 * controller's heartbeat task calls {@link #keepAlive} often: it writes a heartbeat
 * comment when the stream has been idle for the heartbeat interval, and an empty comment
 * shortly after every other write. A write to a connection whose client has gone succeeds
 * once (the client's side answers with a reset) and fails the next time, so that second,
 * cheap write finds a departed client within a fraction of a second rather than a
 * heartbeat interval later. A failed write stops the session; the end of the session
 * completes the emitter and runs {@code onEnd} exactly once.
 *
 * @since 0.1.0
 */
final class SseLogStream implements JobLogTailListener {

	private final SseEmitter emitter;

	private final long heartbeatNanos;

	private final OperatorPrincipal principal;

	private final Consumer<SseLogStream> onEnd;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile @Nullable TailSession session;

	private volatile boolean stopRequested;

	private volatile boolean containerDone;

	private volatile boolean writeFailed;

	private volatile boolean probePending;

	private volatile long lastWrite = System.nanoTime();

	SseLogStream(SseEmitter emitter, LogStreamSettings settings, OperatorPrincipal principal,
			Consumer<SseLogStream> onEnd) {
		this.emitter = emitter;
		this.heartbeatNanos = settings.heartbeatInterval().toNanos();
		this.principal = principal;
		this.onEnd = onEnd;
	}

	/**
	 * Write the opening comment (an empty one) on the request thread, before any other
	 * thread can write. Spring MVC holds it until the handler returns and then sends it
	 * on the request thread, which commits the response's status and headers there.
	 * Otherwise the first record, written by the tail thread, could commit the response
	 * while the request thread is still adding headers on its way out of the filter chain
	 * (Spring Security's {@code HeaderWriterFilter} adds its headers then), and the
	 * container's header table is not safe for two threads: it corrupts the table of the
	 * next request served by that connection's processor.
	 */
	void open() {
		try {
			send(SseEmitter.event().comment(""), true);
		}
		catch (IOException ex) {
			// Not reached: before the handler returns, Spring MVC only holds the event.
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Attach the session this stream writes; stops it at once if the stream was stopped
	 * meanwhile.
	 */
	void attach(TailSession session) {
		this.session = session;
		if (this.stopRequested) {
			session.stop();
		}
	}

	/**
	 * Stop the session (client gone, or the application shutting down); the stream ends.
	 */
	void stop() {
		this.stopRequested = true;
		TailSession current = this.session;
		if (current != null) {
			current.stop();
		}
	}

	@Override
	public void onRecord(TailedJobLog record) throws IOException {
		String tenant = record.log().getFieldsOrDefault(CorrelationKeys.TENANT, "");
		if (!tenant.isEmpty() && !this.principal.mayAccess(tenant)) {
			// Job ids are unique, so this only guards against a mis-tagged record.
			return;
		}
		send(SseEmitter.event().name("log").id(record.eventId()).data(JobLogJson.render(record)), true);
	}

	/**
	 * Heartbeat or probe if due.
	 * @param now {@link System#nanoTime()}
	 * @param probeDelayNanos how long after a write the probe follows
	 */
	void keepAlive(long now, long probeDelayNanos) {
		if (this.ended.get() || this.containerDone || this.writeFailed) {
			return;
		}
		long idle = now - this.lastWrite;
		try {
			if (this.probePending && idle >= probeDelayNanos) {
				// An empty comment: ignored by every SSE client.
				send(SseEmitter.event().comment(""), false);
			}
			else if (idle >= this.heartbeatNanos) {
				send(SseEmitter.event().comment("heartbeat"), true);
			}
		}
		catch (IOException ex) {
			stop();
		}
	}

	private void send(SseEmitter.SseEventBuilder event, boolean probeAfter) throws IOException {
		if (this.containerDone) {
			throw new IOException("Stream already closed");
		}
		try {
			this.emitter.send(event);
			this.lastWrite = System.nanoTime();
			this.probePending = probeAfter;
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
		stop();
	}

	@Override
	public void onEnd(@Nullable Throwable error) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		if (this.containerDone || this.writeFailed) {
			this.onEnd.accept(this);
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
			this.onEnd.accept(this);
		}
	}

}
