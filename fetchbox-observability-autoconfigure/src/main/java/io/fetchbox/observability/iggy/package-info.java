/**
 * Supervised Apache Iggy client: bounded calls, reconnection with backoff, observable
 * state, and topology provisioning.
 */
@NullMarked
package io.fetchbox.observability.iggy;

import org.jspecify.annotations.NullMarked;
