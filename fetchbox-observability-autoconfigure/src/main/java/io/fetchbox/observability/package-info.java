/**
 * Service identity and the {@code fetchbox.telemetry.*} configuration shared by every
 * concern of the FetchBox observability starter.
 */
@NullMarked
package io.fetchbox.observability;

import org.jspecify.annotations.NullMarked;
