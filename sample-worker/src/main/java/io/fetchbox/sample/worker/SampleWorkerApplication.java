package io.fetchbox.sample.worker;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The sample FetchBox worker service. With {@code --demo-origin} the jar runs the small
 * HTTP origin of the demo instead ({@link DemoOrigin}).
 */
@SpringBootApplication
public class SampleWorkerApplication {

	public static void main(String[] args) throws Exception {
		if (Arrays.asList(args).contains("--demo-origin")) {
			DemoOrigin.main(args);
			return;
		}
		SpringApplication application = new SpringApplication(SampleWorkerApplication.class);
		// With PORTFILE set (environment or system property) the ports the servers bound
		// are written there: tests and scripts start the service on port 0 and read them.
		if (System.getenv("PORTFILE") != null || System.getProperty("PORTFILE") != null) {
			application.addListeners(new WebServerPortFileWriter());
		}
		application.run(args);
	}

}
