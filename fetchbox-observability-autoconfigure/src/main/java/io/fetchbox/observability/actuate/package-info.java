/**
 * The {@code fetchbox} actuator endpoint: effective telemetry settings, job log emitter
 * and Iggy connection state.
 */
@NullMarked
package io.fetchbox.observability.actuate;

import org.jspecify.annotations.NullMarked;
