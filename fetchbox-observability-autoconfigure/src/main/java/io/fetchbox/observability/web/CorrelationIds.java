package io.fetchbox.observability.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.ServerHttpObservationFilter;

import io.fetchbox.observability.logging.CorrelationKeys;

/**
 * Finds the {@code request_id} and {@code trace_id} of a request, also on an error
 * dispatch where the request's MDC and span scope are already closed, and adds them to
 * problem responses.
 *
 * @since 0.1.0
 */
public final class CorrelationIds {

	private static final boolean TRACING_PRESENT = ClassUtils.isPresent("io.micrometer.tracing.Span",
			CorrelationIds.class.getClassLoader());

	private CorrelationIds() {
	}

	/**
	 * Add {@code request_id} and {@code trace_id} members to a problem, when known.
	 * @param problem the problem
	 * @param request the request, or {@code null}
	 */
	public static void addTo(ProblemDetail problem, @Nullable HttpServletRequest request) {
		String requestId = requestId(request);
		if (requestId != null) {
			problem.setProperty(CorrelationKeys.REQUEST_ID, requestId);
		}
		String traceId = traceId(request);
		if (traceId != null) {
			problem.setProperty(CorrelationKeys.TRACE_ID, traceId);
		}
	}

	/**
	 * Return the request id of the request.
	 * @param request the request, or {@code null}
	 * @return the request id, or {@code null}
	 */
	public static @Nullable String requestId(@Nullable HttpServletRequest request) {
		String requestId = (request != null) ? RequestIds.current(request) : null;
		return (requestId != null) ? requestId : MDC.get(CorrelationKeys.REQUEST_ID);
	}

	/**
	 * Return the trace id of the request's server span.
	 * @param request the request, or {@code null}
	 * @return the 32-hex trace id, or {@code null}
	 */
	public static @Nullable String traceId(@Nullable HttpServletRequest request) {
		String traceId = MDC.get(CorrelationKeys.MDC_TRACE_ID);
		if (traceId == null && request != null && TRACING_PRESENT) {
			traceId = ServerSpan.traceId(request);
		}
		return traceId;
	}

	/**
	 * Reads the server observation's span; only loaded when Micrometer Tracing is
	 * present.
	 */
	private static final class ServerSpan {

		static @Nullable String traceId(HttpServletRequest request) {
			TracingContext tracing = ServerHttpObservationFilter.findObservationContext(request)
				.map((context) -> (TracingContext) context.get(TracingContext.class))
				.orElse(null);
			Span span = (tracing != null) ? tracing.getSpan() : null;
			return (span != null) ? span.context().traceId() : null;
		}

	}

}
