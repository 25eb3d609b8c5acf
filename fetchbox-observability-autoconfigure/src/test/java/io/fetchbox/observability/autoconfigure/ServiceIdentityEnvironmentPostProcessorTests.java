package io.fetchbox.observability.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceIdentityEnvironmentPostProcessorTests {

	private final ServiceIdentityEnvironmentPostProcessor processor = new ServiceIdentityEnvironmentPostProcessor();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void serviceNameDefaultsToApplicationName() {
		this.environment.setProperty("spring.application.name", "orders");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.service-name")).isEqualTo("orders");
		assertThat(this.environment.getProperty("management.opentelemetry.resource-attributes[service.name]"))
			.isEqualTo("orders");
	}

	@Test
	void unknownServiceWithoutName() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.service-name")).isEqualTo("unknown_service");
	}

	@Test
	void explicitValuesWinAndReachTheResource() {
		this.environment.withProperty("spring.application.name", "orders")
			.withProperty("fetchbox.telemetry.service-name", "fetchbox-api")
			.withProperty("fetchbox.telemetry.environment", "prod")
			.withProperty("fetchbox.telemetry.version", "1.0.0");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.service-name")).isEqualTo("fetchbox-api");
		assertThat(this.environment.getProperty("management.opentelemetry.resource-attributes[service.name]"))
			.isEqualTo("fetchbox-api");
		assertThat(this.environment.getProperty("management.opentelemetry.resource-attributes[service.version]"))
			.isEqualTo("1.0.0");
		assertThat(this.environment
			.getProperty("management.opentelemetry.resource-attributes[deployment.environment.name]"))
			.isEqualTo("prod");
	}

	@Test
	void versionDefaultsToBuildInfo(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("META-INF"));
		Files.writeString(dir.resolve("META-INF/build-info.properties"), "build.version=3.1.4\n");
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
			SpringApplication application = new SpringApplication();
			application.setResourceLoader(new DefaultResourceLoader(classLoader));
			this.processor.postProcessEnvironment(this.environment, application);
		}
		assertThat(this.environment.getProperty("fetchbox.telemetry.version")).isEqualTo("3.1.4");
		assertThat(this.environment.getProperty("management.opentelemetry.resource-attributes[service.version]"))
			.isEqualTo("3.1.4");
	}

	@Test
	void versionDefaultsToBuildInfoWhereBootReadsIt(@TempDir Path dir) throws IOException {
		Path buildInfo = Files.writeString(dir.resolve("custom-build-info.properties"), "build.version=2.7.1\n");
		this.environment.setProperty("spring.info.build.location", buildInfo.toUri().toString());
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.version")).isEqualTo("2.7.1");
	}

	@Test
	void versionDefaultsToApplicationVersion() {
		// Boot sets it from the main class's jar Implementation-Version.
		this.environment.setProperty("spring.application.version", "4.5.6");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.version")).isEqualTo("4.5.6");
	}

	@Test
	void applicationVersionWinsOverBuildInfo(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("META-INF"));
		Files.writeString(dir.resolve("META-INF/build-info.properties"), "build.version=3.1.4\n");
		this.environment.setProperty("spring.application.version", "4.5.6");
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null)) {
			SpringApplication application = new SpringApplication();
			application.setResourceLoader(new DefaultResourceLoader(classLoader));
			this.processor.postProcessEnvironment(this.environment, application);
		}
		assertThat(this.environment.getProperty("fetchbox.telemetry.version")).isEqualTo("4.5.6");
	}

	@Test
	void explicitVersionWinsOverApplicationVersion() {
		this.environment.setProperty("spring.application.version", "4.5.6");
		this.environment.setProperty("fetchbox.telemetry.version", "7.0.0");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("fetchbox.telemetry.version")).isEqualTo("7.0.0");
	}

}
