package io.fetchbox.observability.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error Spring MVC produces into an RFC 9457 {@code application/problem+json}
 * response carrying {@code request_id} and {@code trace_id} members: the standard MVC
 * exceptions (400, 404, 405, ...) through {@link ResponseEntityExceptionHandler}, and any
 * other exception as a 500 (or the status of its {@link ResponseStatus @ResponseStatus})
 * whose detail never contains the exception message. Ordered last, so an application's
 * own exception handlers win.
 *
 * @since 0.1.0
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	/**
	 * Handle an exception no other handler took.
	 * @param ex the exception
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler(Exception.class)
	public @Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		HttpStatusCode status = (annotated != null) ? annotated.code() : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail body = ProblemDetail.forStatus(status);
		if (annotated != null && StringUtils.hasText(annotated.reason())) {
			body.setDetail(annotated.reason());
		}
		if (status.is5xxServerError()) {
			logger.error("Request failed with an unhandled exception", ex);
		}
		return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			addCorrelation(problem, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static void addCorrelation(ProblemDetail problem, WebRequest request) {
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		CorrelationIds.addTo(problem, servletRequest);
	}

}
