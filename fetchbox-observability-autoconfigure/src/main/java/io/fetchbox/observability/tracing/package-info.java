/**
 * Trace and correlation context: propagation across threads and, later, messages.
 */
@NullMarked
package io.fetchbox.observability.tracing;

import org.jspecify.annotations.NullMarked;
