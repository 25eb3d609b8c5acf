package io.fetchbox.observability.autoconfigure;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Applies {@link ServiceIdentityEnvironmentPostProcessor} to a context runner's
 * environment, as {@code SpringApplication} does in an application (context runners run
 * no environment post-processors).
 */
public final class ServiceIdentityDefaults implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		new ServiceIdentityEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
				new SpringApplication());
	}

}
