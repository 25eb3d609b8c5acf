package io.fetchbox.observability.web;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request from a servlet filter, before it reaches a controller, exactly as
 * Spring MVC answers its own errors: the {@link ErrorResponseException} goes through the
 * application's {@link HandlerExceptionResolver}, where the starter's
 * {@link ProblemDetailsHandler} renders it as {@code application/problem+json} with
 * {@code request_id} and {@code trace_id} (or the application's own exception handling
 * does, if it has replaced it). When no resolver takes it, the container's error page
 * answers with the status.
 *
 * @since 0.1.0
 */
public final class FilterErrorResponses {

	private final Supplier<@Nullable HandlerExceptionResolver> resolver;

	/**
	 * Create an instance.
	 * @param resolver supplies Spring MVC's {@code handlerExceptionResolver}, or
	 * {@code null} without Spring MVC
	 */
	public FilterErrorResponses(Supplier<@Nullable HandlerExceptionResolver> resolver) {
		this.resolver = resolver;
	}

	/**
	 * Send the error as the response.
	 * @param request the request
	 * @param response the response, not committed yet
	 * @param error the error: status, headers and problem body
	 * @throws IOException if the response cannot be written
	 */
	public void send(HttpServletRequest request, HttpServletResponse response, ErrorResponseException error)
			throws IOException {
		HandlerExceptionResolver resolver = this.resolver.get();
		ModelAndView handled = (resolver != null) ? resolver.resolveException(request, response, null, error) : null;
		// An empty ModelAndView means the response is written (a view would need the
		// DispatcherServlet to render it).
		if (handled != null && (handled.isEmpty() || response.isCommitted())) {
			return;
		}
		error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.sendError(error.getStatusCode().value());
	}

}
