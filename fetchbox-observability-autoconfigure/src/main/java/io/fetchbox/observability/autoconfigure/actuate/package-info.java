/**
 * Auto-configuration of the {@code fetchbox} actuator endpoint.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
