package io.fetchbox.observability.autoconfigure.tracing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.fetchbox.observability.logging.CorrelationKeys;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ContextPropagationAutoConfiguration.class, TaskExecutionAutoConfiguration.class));

	@Test
	void decoratorIsAppliedToBootsTaskExecutor() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			MDC.put(CorrelationKeys.REQUEST_ID, "req-runner");
			MDC.put(CorrelationKeys.TENANT, "acme");
			try {
				CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
				executor.execute(() -> seen.complete(MDC.getCopyOfContextMap()));
				assertThat(seen.get(10, TimeUnit.SECONDS)).containsEntry(CorrelationKeys.REQUEST_ID, "req-runner")
					.containsEntry(CorrelationKeys.TENANT, "acme");
			}
			finally {
				MDC.clear();
			}
			// Pooled threads must not keep the previous task's context.
			CompletableFuture<Map<String, String>> after = new CompletableFuture<>();
			executor.execute(() -> after.complete(MDC.getCopyOfContextMap()));
			Map<String, String> leftover = after.get(10, TimeUnit.SECONDS);
			assertThat((leftover != null) ? leftover : Map.of()).doesNotContainKey(CorrelationKeys.REQUEST_ID);
		});
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withPropertyValues("fetchbox.telemetry.context-propagation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class));
	}

	@Test
	void userDecoratorWins() {
		this.runner
			.withBean("myDecorator", ContextPropagatingTaskDecorator.class,
					() -> new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().build()))
			.run((context) -> assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class)
				.hasBean("myDecorator"));
	}

	@Test
	void otherDecoratorsAreKeptNextToOurs() {
		this.runner.withBean("securityDecorator", TaskDecorator.class, () -> (runnable) -> runnable)
			.run((context) -> assertThat(context.getBeansOfType(TaskDecorator.class)).hasSize(2));
	}

	@Test
	void backsOffWithoutContextPropagationLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class));
	}

}
