/**
 * Job-agnostic trace context: propagation across threads and the W3C {@code traceparent}
 * value. Propagation through task messages is part of the task observations
 * ({@code io.fetchbox.observability.jobs}).
 */
@NullMarked
package io.fetchbox.observability.tracing;

import org.jspecify.annotations.NullMarked;
