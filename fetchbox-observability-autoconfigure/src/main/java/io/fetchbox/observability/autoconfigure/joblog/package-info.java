/**
 * Auto-configuration of the {@code jobs.logs} appender.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.joblog;

import org.jspecify.annotations.NullMarked;
