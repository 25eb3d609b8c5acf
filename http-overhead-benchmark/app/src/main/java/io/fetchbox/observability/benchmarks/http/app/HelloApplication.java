package io.fetchbox.observability.benchmarks.http.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The measured app: one endpoint that logs one INFO line, the smallest thing a service
 * does.
 */
@SpringBootApplication
@RestController
public class HelloApplication {

	private static final Logger log = LoggerFactory.getLogger(HelloApplication.class);

	@GetMapping("/hello")
	String hello() {
		log.info("hello called");
		return "hello";
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(HelloApplication.class);
		if (Boolean.getBoolean("hello.record-startup")) {
			// For profiling startup: steps at /actuator/startup when that endpoint is
			// exposed.
			application.setApplicationStartup(new BufferingApplicationStartup(20_000));
		}
		application.run(args);
	}

}
