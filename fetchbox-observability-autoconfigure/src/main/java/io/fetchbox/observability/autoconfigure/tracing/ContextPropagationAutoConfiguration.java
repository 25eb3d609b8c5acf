package io.fetchbox.observability.autoconfigure.tracing;

import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import io.fetchbox.observability.tracing.ContextPropagation;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes the trace and correlation
 * context follow work into Spring's task executors and {@code @Async} methods. Boot 4.0
 * has no {@code spring.task.execution.propagate-context}; Boot's task execution
 * auto-configuration applies every {@code TaskDecorator} bean to the executors it builds.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = TaskExecutionAutoConfiguration.class)
@ConditionalOnClass(ContextSnapshotFactory.class)
@ConditionalOnBooleanProperty(name = ContextPropagationProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class ContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ContextPropagatingTaskDecorator fetchboxContextPropagatingTaskDecorator() {
		return ContextPropagation.taskDecorator();
	}

}
