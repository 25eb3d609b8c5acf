/**
 * Logback adapter of the job log pipeline: the appender, event mapping and installation
 * into a {@code LoggerContext}.
 */
@NullMarked
package io.fetchbox.observability.joblog.logback;

import org.jspecify.annotations.NullMarked;
