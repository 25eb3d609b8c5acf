/**
 * Job observation API: the {@code task} observation a worker opens around each
 * {@code DownloadTask}, and the trace-context propagation between the API that publishes
 * tasks and the worker that consumes them.
 */
@NullMarked
package io.fetchbox.observability.jobs;

import org.jspecify.annotations.NullMarked;
