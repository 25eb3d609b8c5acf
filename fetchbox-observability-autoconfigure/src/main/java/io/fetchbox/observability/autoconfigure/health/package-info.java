/**
 * Auto-configuration of the FetchBox health indicators and the /health/live and
 * /health/ready paths.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
