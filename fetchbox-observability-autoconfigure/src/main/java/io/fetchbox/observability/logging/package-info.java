/**
 * Structured (JSON) logging and correlation fields.
 */
@NullMarked
package io.fetchbox.observability.logging;

import org.jspecify.annotations.NullMarked;
