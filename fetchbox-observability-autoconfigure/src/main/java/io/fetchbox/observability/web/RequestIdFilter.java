package io.fetchbox.observability.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.util.Assert;

import io.fetchbox.observability.logging.CorrelationKeys;

/**
 * Gives every request a {@code request_id} (see {@link RequestIds}), puts it into MDC for
 * the duration of the request, exposes it as the {@link RequestIds#ATTRIBUTE} request
 * attribute and echoes it in the response header.
 *
 * @since 0.1.0
 */
public class RequestIdFilter extends HttpRequestFilter {

	private final String header;

	/**
	 * Create a filter reading and writing the given header.
	 * @param header the request id header name, for example {@code X-Request-ID}
	 */
	public RequestIdFilter(String header) {
		Assert.hasText(header, "'header' must not be empty");
		this.header = header;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrGenerate(request.getHeader(this.header));
		request.setAttribute(RequestIds.ATTRIBUTE, requestId);
		response.setHeader(this.header, requestId);
		String previous = MDC.get(CorrelationKeys.REQUEST_ID);
		MDC.put(CorrelationKeys.REQUEST_ID, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(CorrelationKeys.REQUEST_ID, previous);
			}
			else {
				MDC.remove(CorrelationKeys.REQUEST_ID);
			}
		}
	}

}
