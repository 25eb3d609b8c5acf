/**
 * Job log shipping to the Iggy topic {@code jobs.logs}: a transport pipeline free of
 * Logback and Spring types, batching per job, bounded in records and bytes.
 */
@NullMarked
package io.fetchbox.observability.joblog;

import org.jspecify.annotations.NullMarked;
