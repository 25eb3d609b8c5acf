package io.fetchbox.observability.operator;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobLogLevels;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.TailSession;
import io.fetchbox.observability.tail.TailStart;
import io.fetchbox.observability.web.CorrelationIds;

/**
 * {@code GET /operator/jobs/{jobId}/logs}: one job's {@code JobLog} records as
 * {@code text/event-stream}. Query parameters {@code level} (minimum level) and
 * {@code follow} ({@code true} by default); the {@code Last-Event-ID} header resumes
 * after the given {@code partition:offset}. Errors are {@code application/problem+json}
 * with {@code request_id} and {@code trace_id}: 400 bad parameter, 401 no credentials
 * ({@link OperatorAuthenticationFilter}), 404 unknown job or another tenant's job, 429
 * too many open streams, 503 log store unreadable.
 * <p>
 * Idle streams get a heartbeat comment; a stream whose client has gone is released within
 * about a second (see {@link SseLogStream}). {@link #closeStreams()} ends every open
 * stream, so that stopping the application never waits for them.
 *
 * @since 0.1.0
 */
@RestController
public class JobLogStreamController implements AutoCloseable {

	/** Path of the endpoint. */
	public static final String PATH = "/operator/jobs/{jobId}/logs";

	private final JobLogTail logs;

	private final JobTenantResolver tenants;

	private final LogStreamSettings settings;

	private final Semaphore streams;

	private final Runnable onRequest;

	private final Set<SseLogStream> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService keepAlive;

	private final long probeDelayNanos;

	private volatile boolean closed;

	/**
	 * Create the controller.
	 * @param logs reads job logs
	 * @param tenants tells which tenant owns a job
	 * @param settings stream limits
	 */
	public JobLogStreamController(JobLogTail logs, JobTenantResolver tenants, LogStreamSettings settings) {
		this(logs, tenants, settings, () -> {
		});
	}

	/**
	 * Create the controller.
	 * @param logs reads job logs
	 * @param tenants tells which tenant owns a job
	 * @param settings stream limits
	 * @param onRequest called for every request that reaches the endpoint (the
	 * {@code fetchbox.operator.requests} counter)
	 */
	public JobLogStreamController(JobLogTail logs, JobTenantResolver tenants, LogStreamSettings settings,
			Runnable onRequest) {
		this.onRequest = onRequest;
		this.logs = logs;
		this.tenants = tenants;
		this.settings = settings;
		this.streams = new Semaphore(settings.maxStreams());
		// Checks every stream several times per heartbeat interval; the probe after a
		// write goes out one check later.
		long period = Math.max(10, Math.min(250, settings.heartbeatInterval().toMillis() / 4));
		this.probeDelayNanos = TimeUnit.MILLISECONDS.toNanos(period);
		this.keepAlive = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "fetchbox-sse-keepalive");
			thread.setDaemon(true);
			return thread;
		});
		this.keepAlive.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Open a stream.
	 * @param jobId the job
	 * @param level minimum level, {@code TRACE} to {@code ERROR}
	 * @param follow whether to keep the stream open for new records
	 * @param lastEventId the last event the client saw, {@code partition:offset}
	 * @param request the request, authenticated by {@link OperatorAuthenticationFilter}
	 * @return the event stream or a problem response
	 */
	@GetMapping(PATH)
	public ResponseEntity<?> stream(@PathVariable String jobId, @RequestParam(required = false) @Nullable String level,
			@RequestParam(defaultValue = "true") boolean follow,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			HttpServletRequest request) {
		this.onRequest.run();
		OperatorPrincipal operator = OperatorAuthenticationFilter.operator(request);
		if (operator == null) {
			// Only reachable if the filter is not mapped: never serve without it.
			return problem(HttpStatus.UNAUTHORIZED, "Operator credentials required", request);
		}
		LogLevel minimum = LogLevel.LOG_LEVEL_TRACE;
		if (level != null && !level.isBlank()) {
			try {
				minimum = JobLogLevels.parse(level);
			}
			catch (IllegalArgumentException ex) {
				return problem(HttpStatus.BAD_REQUEST, "Parameter 'level' must be one of " + JobLogLevels.NAMES,
						request);
			}
		}
		TailStart start = TailStart.beginning();
		if (lastEventId != null && !lastEventId.isBlank()) {
			start = resumeAfter(lastEventId.trim());
			if (start == null) {
				return problem(HttpStatus.BAD_REQUEST, "Header 'Last-Event-ID' must be partition:offset", request);
			}
		}
		ResponseEntity<ProblemDetail> denied = checkTenant(jobId, operator, request);
		if (denied != null) {
			return denied;
		}
		if (this.closed) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "The application is shutting down", request);
		}
		if (!this.streams.tryAcquire()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problemDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many log streams are open; retry later",
						request));
		}
		SseEmitter emitter = new SseEmitter(this.settings.timeout().toMillis());
		SseLogStream stream = new SseLogStream(emitter, this.settings, operator, (ended) -> {
			if (this.open.remove(ended)) {
				this.streams.release();
			}
		});
		this.open.add(stream);
		TailSession session;
		try {
			stream.open();
			session = this.logs.tail(jobId, start, follow, minimum, stream);
		}
		catch (RuntimeException ex) {
			if (this.open.remove(stream)) {
				this.streams.release();
			}
			throw ex;
		}
		stream.attach(session);
		emitter.onCompletion(stream::containerDone);
		emitter.onTimeout(stream::containerDone);
		emitter.onError((error) -> stream.containerDone());
		if (this.closed) {
			stream.stop();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	/**
	 * Number of streams open now.
	 * @return the count
	 */
	public int openStreams() {
		return this.settings.maxStreams() - this.streams.availablePermits();
	}

	/**
	 * End every open stream now (the application is stopping): clients see the stream end
	 * and resume elsewhere with {@code Last-Event-ID}.
	 */
	public void closeStreams() {
		for (SseLogStream stream : this.open) {
			stream.stop();
		}
	}

	/**
	 * Refuse new streams (503) and end the open ones, until {@link #resume()}: the
	 * application is stopping, and a stream would otherwise hold the web server's
	 * graceful shutdown for its whole grace period.
	 */
	public void pause() {
		this.closed = true;
		closeStreams();
	}

	/**
	 * Accept streams again after {@link #pause()} (the application context was started
	 * again).
	 */
	public void resume() {
		this.closed = false;
	}

	/**
	 * Whether new streams are accepted now.
	 * @return {@code false} while paused or once closed
	 */
	public boolean acceptsStreams() {
		return !this.closed;
	}

	/**
	 * Refuse new streams, end the open ones and stop the heartbeat task, for good.
	 */
	@Override
	public void close() {
		pause();
		this.keepAlive.shutdownNow();
	}

	private void keepAlive() {
		long now = System.nanoTime();
		for (SseLogStream stream : this.open) {
			stream.keepAlive(now, this.probeDelayNanos);
		}
	}

	private @Nullable ResponseEntity<ProblemDetail> checkTenant(String jobId, OperatorPrincipal operator,
			HttpServletRequest request) {
		if (operator.tenant() == null) {
			return null;
		}
		Optional<String> tenant;
		try {
			tenant = this.tenants.tenantOf(jobId);
		}
		catch (RuntimeException ex) {
			if (hasCause(ex, TailNotFoundException.class)) {
				return problem(HttpStatus.NOT_FOUND, "Job not found", request);
			}
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Job logs cannot be read right now", request);
		}
		// Another tenant's job is reported exactly like an unknown one.
		if (tenant.isEmpty() || !operator.mayAccess(tenant.get())) {
			return problem(HttpStatus.NOT_FOUND, "Job not found", request);
		}
		return null;
	}

	/**
	 * Where to resume after the event {@code partition:offset}: the next offset of that
	 * partition (the tail starts over if the job's records are in another one).
	 */
	private static @Nullable TailStart resumeAfter(String lastEventId) {
		int colon = lastEventId.indexOf(':');
		if (colon <= 0) {
			return null;
		}
		try {
			long partition = Long.parseLong(lastEventId.substring(0, colon));
			long offset = Long.parseLong(lastEventId.substring(colon + 1));
			return (partition >= 0 && offset >= 0 && offset < Long.MAX_VALUE) ? TailStart.offset(partition, offset + 1)
					: null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problemDetail(status, detail, request));
	}

	private static ProblemDetail problemDetail(HttpStatus status, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		CorrelationIds.addTo(problem, request);
		return problem;
	}

}
