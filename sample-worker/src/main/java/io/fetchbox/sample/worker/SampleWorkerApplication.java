package io.fetchbox.sample.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample FetchBox worker service.
 */
@SpringBootApplication
public class SampleWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleWorkerApplication.class, args);
	}

}
