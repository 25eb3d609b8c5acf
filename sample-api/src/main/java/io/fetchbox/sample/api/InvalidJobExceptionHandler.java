package io.fetchbox.sample.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an invalid job with {@code application/problem+json} naming the first invalid
 * field in {@code field} and all of them in {@code errors}.
 */
@RestControllerAdvice
class InvalidJobExceptionHandler {

	@ExceptionHandler(InvalidJobException.class)
	ProblemDetail invalidJob(InvalidJobException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid job");
		problem.setProperty("field", ex.getErrors().get(0).field());
		List<Map<String, String>> errors = ex.getErrors()
			.stream()
			.map((error) -> Map.of("field", error.field(), "message", error.message()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}

}
