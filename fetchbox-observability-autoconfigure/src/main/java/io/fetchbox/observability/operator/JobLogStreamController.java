package io.fetchbox.observability.operator;

import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobLogLevels;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.TailSession;
import io.fetchbox.observability.tail.TailStart;

/**
 * {@code GET /operator/jobs/{jobId}/logs}: one job's {@code JobLog} records as
 * {@code text/event-stream}. Query parameters {@code level} (minimum level) and
 * {@code follow} ({@code true} by default); the {@code Last-Event-ID} header resumes
 * after the given {@code partition:offset}. Errors are {@code application/problem+json}:
 * 400 bad parameter, 401 (security chain) no credentials, 404 unknown job or another
 * tenant's job, 429 too many open streams, 503 log store unreadable.
 *
 * @since 0.1.0
 */
@RestController
public class JobLogStreamController {

	/** Path of the endpoint. */
	public static final String PATH = "/operator/jobs/{jobId}/logs";

	private final JobLogTail logs;

	private final JobTenantResolver tenants;

	private final LogStreamSettings settings;

	private final Semaphore streams;

	private final Runnable onRequest;

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
	}

	/**
	 * Open a stream.
	 * @param jobId the job
	 * @param level minimum level, {@code TRACE} to {@code ERROR}
	 * @param follow whether to keep the stream open for new records
	 * @param lastEventId the last event the client saw, {@code partition:offset}
	 * @param principal the authenticated operator
	 * @return the event stream or a problem response
	 */
	@GetMapping(PATH)
	public ResponseEntity<?> stream(@PathVariable String jobId, @RequestParam(required = false) @Nullable String level,
			@RequestParam(defaultValue = "true") boolean follow,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			@Nullable Principal principal) {
		this.onRequest.run();
		OperatorPrincipal operator = operator(principal);
		if (operator == null) {
			return problem(HttpStatus.UNAUTHORIZED, "Operator credentials required");
		}
		LogLevel minimum = LogLevel.LOG_LEVEL_TRACE;
		if (level != null && !level.isBlank()) {
			try {
				minimum = JobLogLevels.parse(level);
			}
			catch (IllegalArgumentException ex) {
				return problem(HttpStatus.BAD_REQUEST, "Parameter 'level' must be one of " + JobLogLevels.NAMES);
			}
		}
		TailStart start = TailStart.beginning();
		if (lastEventId != null && !lastEventId.isBlank()) {
			start = resumeAfter(lastEventId.trim());
			if (start == null) {
				return problem(HttpStatus.BAD_REQUEST, "Header 'Last-Event-ID' must be partition:offset");
			}
		}
		ResponseEntity<String> denied = checkTenant(jobId, operator);
		if (denied != null) {
			return denied;
		}
		if (!this.streams.tryAcquire()) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problemBody(HttpStatus.TOO_MANY_REQUESTS, "Too many log streams are open; retry later"));
		}
		SseEmitter emitter = new SseEmitter(this.settings.timeout().toMillis());
		SseLogStream stream = new SseLogStream(emitter, this.settings, operator, this.streams::release);
		TailSession session;
		try {
			session = this.logs.tail(jobId, start, follow, minimum, stream);
		}
		catch (RuntimeException ex) {
			this.streams.release();
			throw ex;
		}
		emitter.onCompletion(() -> {
			stream.containerDone();
			session.stop();
		});
		emitter.onTimeout(() -> {
			stream.containerDone();
			session.stop();
		});
		emitter.onError((error) -> {
			stream.containerDone();
			session.stop();
		});
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

	private @Nullable ResponseEntity<String> checkTenant(String jobId, OperatorPrincipal operator) {
		if (operator.tenant() == null) {
			return null;
		}
		Optional<String> tenant;
		try {
			tenant = this.tenants.tenantOf(jobId);
		}
		catch (RuntimeException ex) {
			if (hasCause(ex, TailNotFoundException.class)) {
				return problem(HttpStatus.NOT_FOUND, "Job not found");
			}
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Job logs cannot be read right now");
		}
		// Another tenant's job is reported exactly like an unknown one.
		if (tenant.isEmpty() || !operator.mayAccess(tenant.get())) {
			return problem(HttpStatus.NOT_FOUND, "Job not found");
		}
		return null;
	}

	private static @Nullable OperatorPrincipal operator(@Nullable Principal principal) {
		if (principal instanceof OperatorPrincipal operator) {
			return operator;
		}
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof OperatorPrincipal operator) {
			return operator;
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

	private static ResponseEntity<String> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problemBody(status, detail));
	}

	private static String problemBody(HttpStatus status, String detail) {
		StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":");
		JobLogJson.quote(json, status.getReasonPhrase()).append(",\"status\":").append(status.value());
		JobLogJson.quote(json.append(",\"detail\":"), detail);
		return json.append('}').toString();
	}

}
