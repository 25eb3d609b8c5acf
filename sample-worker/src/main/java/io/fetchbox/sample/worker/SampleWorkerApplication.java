package io.fetchbox.sample.worker;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
		SpringApplication.run(SampleWorkerApplication.class, args);
	}

}
