/**
 * JMH benchmarks of the job log appender; results in {@code docs/benchmarks.md}.
 */
@NullMarked
package io.fetchbox.observability.benchmarks;

import org.jspecify.annotations.NullMarked;
