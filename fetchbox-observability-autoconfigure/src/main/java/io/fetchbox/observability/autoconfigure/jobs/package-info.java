/**
 * Auto-configuration of the job observation API.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.jobs;

import org.jspecify.annotations.NullMarked;
