package io.fetchbox.sample.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The sample FetchBox API service.
 */
@SpringBootApplication
public class SampleApiApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApiApplication.class);
		// With PORTFILE set (environment or system property) the ports the servers bound
		// are written there: tests and scripts start the service on port 0 and read them.
		if (System.getenv("PORTFILE") != null || System.getProperty("PORTFILE") != null) {
			application.addListeners(new WebServerPortFileWriter());
		}
		application.run(args);
	}

}
