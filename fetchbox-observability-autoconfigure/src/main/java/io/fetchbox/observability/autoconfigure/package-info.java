/**
 * Auto-configuration of the FetchBox observability starter shared by every concern:
 * properties and the {@link io.fetchbox.observability.ServiceIdentity}.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure;

import org.jspecify.annotations.NullMarked;
