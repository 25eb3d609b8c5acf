/**
 * The sample FetchBox API: job ingestion, the job ledger and task publishing.
 */
@NullMarked
package io.fetchbox.sample.api;

import org.jspecify.annotations.NullMarked;
