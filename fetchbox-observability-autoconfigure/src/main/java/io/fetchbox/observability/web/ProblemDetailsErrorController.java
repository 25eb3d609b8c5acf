package io.fetchbox.observability.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's {@code BasicErrorController} for errors that reach the servlet
 * container's error page rather than a Spring MVC exception handler (an exception thrown
 * by a filter, {@code sendError} from Spring Security, ...): answers with
 * {@code application/problem+json} carrying {@code request_id} and {@code trace_id}, and
 * never the exception message.
 *
 * @since 0.1.0
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemDetailsErrorController implements ErrorController {

	/**
	 * Render the error of the current error dispatch.
	 * @param request the request
	 * @return the problem response
	 */
	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		CorrelationIds.addTo(problem, request);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
			HttpStatus status = HttpStatus.resolve(code);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
