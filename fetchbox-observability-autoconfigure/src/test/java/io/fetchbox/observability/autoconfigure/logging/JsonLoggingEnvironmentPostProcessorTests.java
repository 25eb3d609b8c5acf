package io.fetchbox.observability.autoconfigure.logging;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import io.fetchbox.observability.logging.FetchboxJsonFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonLoggingEnvironmentPostProcessorTests {

	private final JsonLoggingEnvironmentPostProcessor processor = new JsonLoggingEnvironmentPostProcessor();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void jsonByDefault() {
		this.processor.postProcessEnvironment(this.environment, application(getClass().getClassLoader()));
		assertThat(this.environment.getProperty("logging.structured.format.console"))
			.isEqualTo(FetchboxJsonFormatter.class.getName());
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
		assertThat(this.environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
		// The XML form stays for applications that include the appender themselves.
		assertThat(new DefaultResourceLoader().getResource(JsonLoggingEnvironmentPostProcessor.JSON_CONFIG).exists())
			.isTrue();
	}

	@Test
	void textFormatKeepsBootsConsole() {
		this.environment.setProperty("fetchbox.telemetry.logging.format", "text");
		this.processor.postProcessEnvironment(this.environment, application(getClass().getClassLoader()));
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
		assertThat(this.environment.containsProperty("logging.structured.format.console")).isFalse();
	}

	@Test
	void explicitLoggingConfigWins() {
		this.environment.setProperty("logging.config", "classpath:mine.xml");
		this.processor.postProcessEnvironment(this.environment, application(getClass().getClassLoader()));
		assertThat(this.environment.getProperty("logging.config")).isEqualTo("classpath:mine.xml");
	}

	@Test
	void bootStructuredLoggingWins() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.processor.postProcessEnvironment(this.environment, application(getClass().getClassLoader()));
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
	}

	@Test
	void userLogbackSpringXmlWins(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("logback-spring.xml"), "<configuration/>");
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			this.processor.postProcessEnvironment(this.environment, application(classLoader));
		}
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
		assertThat(this.environment.containsProperty("logging.structured.format.console")).isFalse();
	}

	@Test
	void encoderAbsentKeepsBootsConsole() {
		this.processor.postProcessEnvironment(this.environment,
				application(new FilteredClassLoader(LoggingEventCompositeJsonEncoder.class)));
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
		assertThat(this.environment.containsProperty("logging.structured.format.console")).isFalse();
	}

	@Test
	void logbackAbsentKeepsBootsConsole() {
		this.processor.postProcessEnvironment(this.environment,
				application(new FilteredClassLoader("ch.qos.logback.classic")));
		assertThat(this.environment.containsProperty("logging.config")).isFalse();
		assertThat(this.environment.containsProperty("logging.structured.format.console")).isFalse();
	}

	@Test
	void invalidFormatFailsNamingProperty() {
		this.environment.setProperty("fetchbox.telemetry.logging.format", "xml");
		assertThatExceptionOfType(BindException.class).isThrownBy(
				() -> this.processor.postProcessEnvironment(this.environment, application(getClass().getClassLoader())))
			.withMessageContaining("fetchbox.telemetry.logging.format");
	}

	private static SpringApplication application(ClassLoader classLoader) {
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(classLoader));
		return application;
	}

}
