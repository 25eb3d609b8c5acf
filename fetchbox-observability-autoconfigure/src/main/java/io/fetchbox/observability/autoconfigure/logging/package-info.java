/**
 * Auto-configuration of stdout JSON logging.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
