/**
 * Readiness checks for FetchBox dependencies (Iggy, storage, ledger), run in parallel
 * under a time budget.
 */
@NullMarked
package io.fetchbox.observability.health;

import org.jspecify.annotations.NullMarked;
