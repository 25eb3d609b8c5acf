/**
 * Reading one job's records back from the Iggy topics {@code jobs.logs} and
 * {@code jobs.status}: partition lookup, start points, header filtering, de-duplication
 * and following. Shared by the operator SSE endpoint and {@code fetchbox-iggy-cli}.
 */
@NullMarked
package io.fetchbox.observability.tail;

import org.jspecify.annotations.NullMarked;
