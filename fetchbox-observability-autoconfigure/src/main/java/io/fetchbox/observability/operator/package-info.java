/**
 * Operator surface: the SSE endpoint that streams one job's {@code JobLog} records, its
 * credentials and tenant checks.
 */
@NullMarked
package io.fetchbox.observability.operator;

import org.jspecify.annotations.NullMarked;
