/**
 * {@code fetchbox-iggy-cli}: tail a job's logs and status from Iggy, publish download
 * tasks.
 */
@NullMarked
package io.fetchbox.observability.cli;

import org.jspecify.annotations.NullMarked;
