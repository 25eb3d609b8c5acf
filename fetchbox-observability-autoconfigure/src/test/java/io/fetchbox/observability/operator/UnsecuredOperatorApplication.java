package io.fetchbox.observability.operator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

/**
 * An application without Spring Security, run in a JVM whose class path lacks it (see
 * {@code OperatorEndpointSecurityTests}); says so on stdout.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ HelloController.class, InMemoryJobLogs.class })
public class UnsecuredOperatorApplication {

	static final String NO_SPRING_SECURITY = "Spring Security is not on the class path";

	public static void main(String[] args) {
		if (!ClassUtils.isPresent("org.springframework.security.core.Authentication", null)) {
			System.out.println(NO_SPRING_SECURITY);
		}
		SpringApplication.run(UnsecuredOperatorApplication.class, args);
	}

}
