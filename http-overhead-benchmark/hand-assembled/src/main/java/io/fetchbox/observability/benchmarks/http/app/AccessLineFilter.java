package io.fetchbox.observability.benchmarks.http.app;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The access line a team would write by hand: one "request completed" line per request
 * with method, route, status and latency as key-value pairs, inside the server
 * observation so that the trace ids are in MDC. Only with {@code hello.access-line=true}
 * (the {@code hand-assembled-access} variant), to compare the starter with an app that
 * logs the same two lines per request.
 */
@Component
@ConditionalOnBooleanProperty("hello.access-line")
class AccessLineFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger("access");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			log.atInfo()
				.addKeyValue("method", request.getMethod())
				.addKeyValue("route", request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
				.addKeyValue("status", response.getStatus())
				.addKeyValue("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
				.log("request completed");
		}
	}

}
