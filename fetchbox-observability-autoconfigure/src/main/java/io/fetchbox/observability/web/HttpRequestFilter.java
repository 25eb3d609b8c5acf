package io.fetchbox.observability.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.GenericFilterBean;

/**
 * Base of the starter's servlet filters, registered for {@code REQUEST} dispatches only:
 * the container then runs each once per request, so they need none of
 * {@code OncePerRequestFilter}'s "already filtered" request attribute, whose set and
 * remove (each notifying the container's attribute listeners) every request would
 * otherwise pay for, once per filter.
 *
 * @since 0.1.0
 */
public abstract class HttpRequestFilter extends GenericFilterBean {

	@Override
	public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse
				&& !shouldNotFilter(httpRequest)) {
			doFilterInternal(httpRequest, httpResponse, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Whether to pass this request on untouched.
	 * @param request the request
	 * @return {@code true} to skip the filter for it
	 */
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return false;
	}

	/**
	 * Filter an HTTP request.
	 * @param request the request
	 * @param response the response
	 * @param chain the rest of the chain
	 * @throws IOException from the chain
	 * @throws ServletException from the chain
	 */
	protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException;

}
