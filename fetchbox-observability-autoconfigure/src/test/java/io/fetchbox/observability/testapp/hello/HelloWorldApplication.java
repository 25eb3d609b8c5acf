package io.fetchbox.observability.testapp.hello;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest service a team would add the starter to: one endpoint that logs a line. It
 * neither ingests jobs, keeps a ledger, consumes tasks nor uses proxies.
 */
@SpringBootApplication(excludeName = {
		// Spring Security is an optional dependency of the module; this app is unsecured.
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
public class HelloWorldApplication {

	@RestController
	static class HelloController {

		private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

		@GetMapping("/hello")
		String hello() {
			logger.info("Saying hello");
			return "hello";
		}

	}

}
