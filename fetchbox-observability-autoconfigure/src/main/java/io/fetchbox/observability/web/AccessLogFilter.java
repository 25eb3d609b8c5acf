package io.fetchbox.observability.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Logs one {@code "request completed"} line per HTTP request with {@code method},
 * {@code route} (the matched route template, never the raw path), {@code status} and
 * {@code latency_ms} as structured key-value pairs; {@code request_id}, {@code trace_id}
 * and {@code span_id} come from MDC because the filter runs inside the request id filter
 * and the server observation. Paths matching an exclude pattern are not logged.
 *
 * @since 0.1.0
 */
public class AccessLogFilter extends RequestCompletionFilter {

	/**
	 * Logger name of access log lines (the {@code target} field).
	 */
	public static final String LOGGER_NAME = "io.fetchbox.observability.web.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final AntPathMatcher matcher = new AntPathMatcher();

	private final String[] excludePaths;

	private final String[] excludePrefixes;

	/**
	 * Create a filter.
	 * @param excludePaths Ant-style path patterns (without the context path) not to log
	 */
	public AccessLogFilter(List<String> excludePaths) {
		this.excludePaths = excludePaths.toArray(String[]::new);
		this.excludePrefixes = excludePaths.stream().map(AccessLogFilter::literalPrefix).toArray(String[]::new);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!logger.isInfoEnabled()) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// The matcher ignores empty path segments, so "//x" can match a pattern "/x":
		// only
		// paths without them may skip it on a prefix mismatch.
		boolean prefixesDecide = !path.contains("//");
		for (int i = 0; i < this.excludePaths.length; i++) {
			if ((!prefixesDecide || path.startsWith(this.excludePrefixes[i]))
					&& matcher.match(this.excludePaths[i], path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The part of a pattern before its first wildcard, without a trailing separator
	 * ({@code /health/**} also matches {@code /health}): every path the pattern matches
	 * starts with it, so most requests are decided by a {@code startsWith}, not the
	 * matcher.
	 */
	static String literalPrefix(String pattern) {
		int end = pattern.length();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				end = i;
				break;
			}
		}
		String prefix = pattern.substring(0, end);
		return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
	}

	@Override
	protected void completed(HttpServletRequest request, HttpServletResponse response, int status, long startNanos) {
		log(request, status, startNanos);
	}

	@Override
	protected AsyncListener asyncListener(HttpServletRequest request, HttpServletResponse response, long startNanos) {
		return new CompletionListener(startNanos, MDC.getCopyOfContextMap());
	}

	private static void log(HttpServletRequest request, int status, long start) {
		logger.atInfo()
			.addKeyValue("method", request.getMethod())
			.addKeyValue("route", route(request, status))
			.addKeyValue("status", status)
			.addKeyValue("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
			.log("request completed");
	}

	private static String route(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// The static resource handler matches "/**" for every unknown path.
		if (pattern instanceof String route && !(status == 404 && route.equals("/**"))) {
			return route;
		}
		if (status == 404) {
			return "NOT_FOUND";
		}
		return (status >= 300 && status < 400) ? "REDIRECTION" : "UNKNOWN";
	}

	private static final class CompletionListener implements AsyncListener {

		private final long start;

		private final @Nullable Map<String, String> mdc;

		CompletionListener(long start, @Nullable Map<String, String> mdc) {
			this.start = start;
			this.mdc = mdc;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			if (this.mdc != null) {
				MDC.setContextMap(this.mdc);
			}
			try {
				log((HttpServletRequest) event.getSuppliedRequest(),
						((HttpServletResponse) event.getSuppliedResponse()).getStatus(), this.start);
			}
			finally {
				if (previous != null) {
					MDC.setContextMap(previous);
				}
				else {
					MDC.clear();
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
