/**
 * Servlet web integration: request ids, access log lines and problem responses.
 */
@NullMarked
package io.fetchbox.observability.web;

import org.jspecify.annotations.NullMarked;
