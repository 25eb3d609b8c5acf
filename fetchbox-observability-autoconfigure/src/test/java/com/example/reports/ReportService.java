package com.example.reports;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

import io.fetchbox.observability.jobs.JobContext;
import io.fetchbox.observability.jobs.JobScope;
import io.fetchbox.observability.jobs.JobScopes;

/**
 * Builds a report as work of a FetchBox job: every line logged inside the scope reaches
 * jobs.logs with the job id, under a "job" span of the caller's trace.
 */
@Service
public class ReportService {

	private static final Logger logger = LoggerFactory.getLogger(ReportService.class);

	private final JobScopes jobScopes;

	public ReportService(JobScopes jobScopes) {
		this.jobScopes = jobScopes;
	}

	public int build(String jobId, String tenant, List<String> pages) {
		JobContext job = JobContext.of(jobId).jobType("report").tenant(tenant);
		try (JobScope scope = this.jobScopes.open(job)) {
			if (pages.isEmpty()) {
				logger.warn("Nothing to build");
				scope.failure("no_pages", "the report has no pages", null);
				return 0;
			}
			for (String page : pages) {
				logger.info("Rendering page {}", page);
			}
			scope.success();
			return pages.size();
		}
	}

	@Async
	public CompletableFuture<Integer> buildLater(String jobId, String tenant, List<String> pages) {
		return CompletableFuture.completedFuture(build(jobId, tenant, pages));
	}

}
