package io.fetchbox.observability.operator;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoints in the operator security tests.
 */
@RestController
class HelloController {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/public")
	String open() {
		return "public";
	}

}
