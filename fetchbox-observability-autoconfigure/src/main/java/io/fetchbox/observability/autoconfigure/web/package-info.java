/**
 * Auto-configuration of the servlet web integration.
 */
@NullMarked
package io.fetchbox.observability.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
