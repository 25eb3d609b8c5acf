/**
 * Auto-configuration of the operator surface (SSE log tail endpoint and its security).
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.operator;

import org.jspecify.annotations.NullMarked;
