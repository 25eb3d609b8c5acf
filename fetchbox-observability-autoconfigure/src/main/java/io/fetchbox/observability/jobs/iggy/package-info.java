/**
 * Iggy plumbing of the job flow: building task, status and dead-letter messages with
 * their user headers, and a consumer-group poll loop with at-least-once commits.
 */
@NullMarked
package io.fetchbox.observability.jobs.iggy;

import org.jspecify.annotations.NullMarked;
