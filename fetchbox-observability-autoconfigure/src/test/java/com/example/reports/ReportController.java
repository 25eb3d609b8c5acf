package com.example.reports;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportController {

	private final ReportService reports;

	public ReportController(ReportService reports) {
		this.reports = reports;
	}

	@PostMapping("/reports/{jobId}")
	public Map<String, Object> build(@PathVariable String jobId, @RequestParam String tenant,
			@RequestParam List<String> pages) {
		return Map.of("job_id", jobId, "pages", this.reports.build(jobId, tenant, pages));
	}

	@PostMapping("/reports/{jobId}/later")
	public CompletableFuture<Map<String, Object>> buildLater(@PathVariable String jobId, @RequestParam String tenant,
			@RequestParam List<String> pages) {
		return this.reports.buildLater(jobId, tenant, pages)
			.thenApply((built) -> Map.of("job_id", jobId, "pages", built));
	}

}
