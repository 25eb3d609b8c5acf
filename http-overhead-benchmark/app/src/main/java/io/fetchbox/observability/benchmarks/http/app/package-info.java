/**
 * The app every variant of the HTTP overhead benchmark runs.
 */
package io.fetchbox.observability.benchmarks.http.app;
