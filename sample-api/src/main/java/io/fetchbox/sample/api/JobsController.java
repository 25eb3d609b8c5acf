package io.fetchbox.sample.api;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.metrics.IngestResult;

/**
 * {@code POST /jobs} and {@code GET /jobs/{job_id}} (PRODUCT.md section 12).
 */
@RestController
class JobsController {

	private static final Log logger = LogFactory.getLog(JobsController.class);

	private final JobRequestValidator validator;

	private final JobLedger ledger;

	private final TaskPublisher publisher;

	private final LedgerEvents events;

	private final SampleApiProperties properties;

	JobsController(JobRequestValidator validator, JobLedger ledger, TaskPublisher publisher, LedgerEvents events,
			SampleApiProperties properties) {
		this.validator = validator;
		this.ledger = ledger;
		this.publisher = publisher;
		this.events = events;
		this.properties = properties;
	}

	@PostMapping("/jobs")
	CompletableFuture<ResponseEntity<?>> submit(@RequestBody(required = false) @Nullable JobRequest request,
			HttpServletRequest http) {
		long started = System.nanoTime();
		long bytes = Math.max(0, http.getContentLengthLong());
		if (bytes > this.properties.getMaxRequestSize().toBytes()) {
			this.events.jobRejected(IngestResult.INVALID, elapsed(started));
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"body: must be at most " + this.properties.getMaxRequestSize());
			problem.setProperty("field", "body");
			return CompletableFuture.completedFuture(ResponseEntity.of(problem).build());
		}
		NewJob job;
		try {
			job = this.validator.validate(request);
		}
		catch (InvalidJobException ex) {
			this.events.jobRejected(IngestResult.INVALID, elapsed(started));
			throw ex;
		}
		this.ledger.create(job);
		this.events.jobCreated();
		// The job context goes into MDC so this request's logs reach jobs.logs too.
		MDC.put(CorrelationKeys.JOB_ID, job.jobId());
		MDC.put(CorrelationKeys.JOB_TYPE, job.jobType());
		MDC.put(CorrelationKeys.TENANT, job.tenant());
		try {
			logger.info("Job accepted with " + job.resources().size() + " resources");
			return this.publisher.publish(job, System.currentTimeMillis()).handle((ok, error) -> {
				if (error != null) {
					this.ledger.markFailed(job.jobId(), "publish_failed", String.valueOf(error.getMessage()));
					this.events.jobRejected(IngestResult.UNAVAILABLE, elapsed(started));
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
							"Tasks could not be queued: the broker is unavailable");
					problem.setProperty("job_id", job.jobId());
					return ResponseEntity.of(problem).build();
				}
				this.events.jobAccepted(bytes, elapsed(started));
				return ResponseEntity.status(HttpStatus.ACCEPTED)
					.body(new JobAccepted(job.jobId(), JobState.JOB_STATE_QUEUED.name(), job.resources().size()));
			});
		}
		finally {
			MDC.remove(CorrelationKeys.JOB_ID);
			MDC.remove(CorrelationKeys.JOB_TYPE);
			MDC.remove(CorrelationKeys.TENANT);
		}
	}

	@GetMapping("/jobs/{job_id}")
	ResponseEntity<?> get(@PathVariable("job_id") String jobId) {
		return this.ledger.find(jobId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No job '" + jobId + "'");
			problem.setProperty("field", "job_id");
			return ResponseEntity.of(problem).build();
		});
	}

	private static java.time.Duration elapsed(long started) {
		return java.time.Duration.ofNanos(System.nanoTime() - started);
	}

}
