/**
 * The sample FetchBox worker: consumes download tasks, downloads through proxy pools,
 * stores objects, reports status, dead-letters failures.
 */
@NullMarked
package io.fetchbox.sample.worker;

import org.jspecify.annotations.NullMarked;
