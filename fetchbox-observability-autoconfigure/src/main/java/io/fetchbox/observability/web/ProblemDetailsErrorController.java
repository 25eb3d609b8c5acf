package io.fetchbox.observability.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Boot's {@link BasicErrorController} for errors that reach the servlet container's error
 * page rather than a Spring MVC exception handler (an exception thrown by a filter,
 * {@code sendError} from Spring Security, ...), answering non-HTML clients with
 * {@code application/problem+json} carrying {@code request_id} and {@code trace_id}, and
 * never the exception message. Browsers still get Boot's HTML error page. Extends Boot's
 * controller (rather than carrying {@code @Controller} itself) so it keeps
 * {@code spring.web.error.path} and is never picked up by an application's component
 * scan.
 *
 * @since 0.1.0
 */
public class ProblemDetailsErrorController extends BasicErrorController {

	/**
	 * Create a controller.
	 * @param errorAttributes the error attributes (used by the HTML page)
	 * @param errorProperties the error properties
	 * @param errorViewResolvers the error view resolvers (used by the HTML page)
	 */
	public ProblemDetailsErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorProperties, errorViewResolvers);
	}

	@Override
	public ResponseEntity<Map<String, @Nullable Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		if (!status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ProblemDetail problem = ProblemDetail.forStatus(status);
		CorrelationIds.addTo(problem, request);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			body.put("instance", path);
		}
		body.put("status", problem.getStatus());
		body.put("title", problem.getTitle());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
