/**
 * Micrometer meters of the job log emitter ({@code fetchbox.log.emitter.*}).
 */
@NullMarked
package io.fetchbox.observability.joblog.metrics;

import org.jspecify.annotations.NullMarked;
