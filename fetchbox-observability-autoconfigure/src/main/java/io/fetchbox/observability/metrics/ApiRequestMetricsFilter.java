package io.fetchbox.observability.metrics;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import io.fetchbox.observability.web.RequestCompletionFilter;

/**
 * Counts every request in {@link ApiRequestMetrics}, tagged with the route template
 * Spring MVC matched. Requests that reach no handler, or only the static-resource
 * catch-all ({@code /**}) which then answers 404, are
 * {@link ApiRequestMetrics#UNMATCHED}: a scan of random paths adds no series. Costs one
 * request attribute read and a counter increment.
 *
 * @since 0.1.0
 */
public class ApiRequestMetricsFilter extends RequestCompletionFilter {

	private static final String CATCH_ALL = "/**";

	private final ApiRequestMetrics metrics;

	/**
	 * Create the filter.
	 * @param metrics where requests are counted
	 */
	public ApiRequestMetricsFilter(ApiRequestMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	@Override
	protected void completed(HttpServletRequest request, HttpServletResponse response, int status, long startNanos) {
		record(request, status);
	}

	@Override
	protected AsyncListener asyncListener(HttpServletRequest request, HttpServletResponse response, long startNanos) {
		return new CompletionListener(request, response);
	}

	private void record(HttpServletRequest request, int status) {
		this.metrics.record(status, route(request, status));
	}

	static @Nullable String route(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (!(pattern instanceof String route)) {
			return null;
		}
		if (status == 404 && (CATCH_ALL.equals(route) || request
			.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceHttpRequestHandler)) {
			return null;
		}
		return route;
	}

	private final class CompletionListener implements AsyncListener {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private boolean recorded;

		CompletionListener(HttpServletRequest request, HttpServletResponse response) {
			this.request = request;
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			recordOnce(this.response.getStatus());
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			recordOnce(503);
		}

		@Override
		public void onError(AsyncEvent event) {
			recordOnce(500);
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

		private synchronized void recordOnce(int status) {
			if (!this.recorded) {
				this.recorded = true;
				record(this.request, status);
			}
		}

	}

}
