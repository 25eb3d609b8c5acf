package io.fetchbox.observability.tracing;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import io.fetchbox.observability.logging.CorrelationKeys;

/**
 * Context that follows work from one thread to another: the current observation (and so
 * the span and its {@code traceId}/{@code spanId} MDC entries, restored by Micrometer
 * Tracing) and the FetchBox correlation MDC keys ({@code request_id}, {@code job_id},
 * {@code job_type}, {@code tenant}, {@code resource_id}, {@code user_id}).
 * <p>
 * Uses a private {@link ContextRegistry} (the ones found through {@code ServiceLoader}
 * plus an MDC accessor for the correlation keys) so the global registry stays untouched.
 *
 * @since 0.1.0
 */
public final class ContextPropagation {

	private static final String[] MDC_KEYS = { CorrelationKeys.REQUEST_ID, CorrelationKeys.JOB_ID,
			CorrelationKeys.JOB_TYPE, CorrelationKeys.TENANT, CorrelationKeys.RESOURCE_ID, CorrelationKeys.USER_ID };

	private ContextPropagation() {
	}

	/**
	 * Create a snapshot factory capturing the observation and correlation MDC keys.
	 * @return a new snapshot factory
	 */
	public static ContextSnapshotFactory snapshotFactory() {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors()
			.loadContextAccessors()
			.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(MDC_KEYS));
		return ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build();
	}

	/**
	 * Create a task decorator that runs each task with the submitting thread's context.
	 * @return a new task decorator
	 */
	public static ContextPropagatingTaskDecorator taskDecorator() {
		return new ContextPropagatingTaskDecorator(snapshotFactory());
	}

}
