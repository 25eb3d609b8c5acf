/**
 * Auto-configuration of the FetchBox meters, the request counter and the Prometheus
 * scrape defaults.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
