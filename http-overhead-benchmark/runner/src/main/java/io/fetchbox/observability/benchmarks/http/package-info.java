/**
 * The HTTP overhead benchmark's runner; results in {@code docs/benchmarks.md}.
 */
package io.fetchbox.observability.benchmarks.http;
