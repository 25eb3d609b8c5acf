package io.fetchbox.observability.operator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Told about every request {@link OperatorAuthenticationFilter} lets through, before the
 * rest of the filter chain sees it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface OperatorAuthenticationListener {

	/**
	 * An operator request was authenticated.
	 * @param operator the operator
	 * @param request the request
	 * @param response the response
	 */
	void authenticated(OperatorPrincipal operator, HttpServletRequest request, HttpServletResponse response);

}
