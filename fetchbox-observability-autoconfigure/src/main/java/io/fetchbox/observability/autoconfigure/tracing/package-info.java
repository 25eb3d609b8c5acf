/**
 * Auto-configuration of tracing: OTLP export mapping and context propagation.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.tracing;

import org.jspecify.annotations.NullMarked;
