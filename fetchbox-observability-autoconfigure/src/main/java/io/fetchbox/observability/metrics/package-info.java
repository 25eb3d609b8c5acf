/**
 * Typed FetchBox metrics API (PRODUCT.md section 6): meter catalog, binders and
 * closed-set tag values.
 */
@NullMarked
package io.fetchbox.observability.metrics;

import org.jspecify.annotations.NullMarked;
