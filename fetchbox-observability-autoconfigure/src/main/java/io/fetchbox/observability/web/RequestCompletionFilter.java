package io.fetchbox.observability.web;

import java.io.IOException;

import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A filter that acts once a request is complete: right after the chain for a synchronous
 * request, or through an {@link AsyncListener} when the request went asynchronous. The
 * one place that tells the two apart for the access log and the API request metrics.
 *
 * @since 0.1.0
 */
public abstract class RequestCompletionFilter extends HttpRequestFilter {

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			if (!failed && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(asyncListener(request, response, start));
			}
			else {
				// An exception escaping the chain becomes a 500 in the container.
				completed(request, response, failed ? 500 : response.getStatus(), start);
			}
		}
	}

	/**
	 * Called on the request thread when the request completed synchronously.
	 * @param request the request
	 * @param response the response
	 * @param status the status the client gets
	 * @param startNanos {@link System#nanoTime()} when the filter was entered
	 */
	protected abstract void completed(HttpServletRequest request, HttpServletResponse response, int status,
			long startNanos);

	/**
	 * The listener to act on when an asynchronous request completes.
	 * @param request the request
	 * @param response the response
	 * @param startNanos {@link System#nanoTime()} when the filter was entered
	 * @return the listener
	 */
	protected abstract AsyncListener asyncListener(HttpServletRequest request, HttpServletResponse response,
			long startNanos);

}
