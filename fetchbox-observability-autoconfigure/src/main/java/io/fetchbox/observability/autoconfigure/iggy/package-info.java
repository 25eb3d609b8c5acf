/**
 * Auto-configuration of the supervised Iggy client.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.iggy;

import org.jspecify.annotations.NullMarked;
