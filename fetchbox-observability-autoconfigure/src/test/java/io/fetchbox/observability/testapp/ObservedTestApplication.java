package io.fetchbox.observability.testapp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fetchbox.observability.logging.CorrelationKeys;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * A minimal service as a FetchBox team would write it, run by the observability tests
 * in-process and as a separate JVM (whose stdout the JSON log tests parse).
 */
@SpringBootApplication(excludeName = {
		// Spring Security is an optional dependency of the module; this app is unsecured.
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@EnableAsync
public class ObservedTestApplication {

	/** Message with everything that could break a JSON line. */
	public static final String HOSTILE = "line1\nline2\r\n\"quoted\" \\ back\tslash \u0000\u0001\u001b[31m \u2028 "
			+ "lone-high \uD800 lone-low \uDC00 pair \uD83D\uDE00 end";

	public static void main(String[] args) {
		SpringApplication.run(ObservedTestApplication.class, args);
	}

	@Bean
	AsyncWork asyncWork() {
		return new AsyncWork();
	}

	/**
	 * A filter failing outside Spring MVC: its errors reach the container's error page.
	 */
	@Bean
	FilterRegistrationBean<Filter> failingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			String path = ((HttpServletRequest) request).getRequestURI();
			if (path.endsWith("/unauthorized")) {
				((HttpServletResponse) response).sendError(401);
				return;
			}
			throw new ServletException("filter failure with secret internal detail");
		});
		registration.addUrlPatterns("/filtered/*");
		registration.setOrder(0);
		return registration;
	}

	@RestController
	static class TestController {

		private static final Logger logger = LoggerFactory.getLogger(TestController.class);

		private final Tracer tracer;

		private final AsyncWork asyncWork;

		TestController(Tracer tracer, AsyncWork asyncWork) {
			this.tracer = tracer;
			this.asyncWork = asyncWork;
		}

		@GetMapping("/hello/{name}")
		Map<String, String> hello(@PathVariable String name) {
			Span span = this.tracer.currentSpan();
			logger.info("hello {}", name, kv("expected_trace_id", span.context().traceId()),
					kv("expected_span_id", span.context().spanId()));
			return Map.of("trace_id", span.context().traceId(), "span_id", span.context().spanId());
		}

		@GetMapping("/hostile")
		String hostile() {
			logger.info(HOSTILE);
			return "ok";
		}

		@GetMapping("/big")
		String big(@RequestParam int size) {
			logger.info("big:" + "x".repeat(size));
			return "ok";
		}

		@GetMapping("/job")
		String job() {
			MDC.put(CorrelationKeys.JOB_ID, "job-42");
			MDC.put(CorrelationKeys.JOB_TYPE, "download");
			MDC.put(CorrelationKeys.TENANT, "acme");
			MDC.put(CorrelationKeys.RESOURCE_ID, "res-1");
			try {
				logger.atWarn().addKeyValue("attempt", 3).log("job step");
				logger.error("job failed", new IllegalStateException("disk full"));
			}
			finally {
				MDC.remove(CorrelationKeys.JOB_ID);
				MDC.remove(CorrelationKeys.JOB_TYPE);
				MDC.remove(CorrelationKeys.TENANT);
				MDC.remove(CorrelationKeys.RESOURCE_ID);
			}
			return "ok";
		}

		@GetMapping("/async")
		Map<String, String> async() throws Exception {
			MDC.put(CorrelationKeys.JOB_ID, "job-async");
			try {
				String traceId = this.tracer.currentSpan().context().traceId();
				Map<String, String> seen = this.asyncWork.run().get();
				return Map.of("caller_trace_id", traceId, "async_trace_id", String.valueOf(seen.get("traceId")),
						"async_request_id", String.valueOf(seen.get("request_id")), "async_job_id",
						String.valueOf(seen.get("job_id")), "async_thread", String.valueOf(seen.get("thread")));
			}
			finally {
				MDC.remove(CorrelationKeys.JOB_ID);
			}
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("secret internal detail");
		}

		@GetMapping("/number/{value}")
		String number(@PathVariable int value) {
			return Integer.toString(value);
		}

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

	/** An {@code @Async} bean: context must follow the task into the executor. */
	public static class AsyncWork {

		private static final Logger logger = LoggerFactory.getLogger(AsyncWork.class);

		@Async
		public CompletableFuture<Map<String, String>> run() {
			logger.info("async work");
			Map<String, String> seen = new java.util.HashMap<>();
			seen.put("traceId", MDC.get("traceId"));
			seen.put("request_id", MDC.get(CorrelationKeys.REQUEST_ID));
			seen.put("job_id", MDC.get(CorrelationKeys.JOB_ID));
			seen.put("thread", Thread.currentThread().getName());
			return CompletableFuture.completedFuture(seen);
		}

	}

}
