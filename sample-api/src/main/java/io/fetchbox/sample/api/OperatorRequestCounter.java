package io.fetchbox.sample.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts requests to the operator endpoints ({@code fetchbox_operator_requests_total}),
 * whether or not they are authorised.
 */
class OperatorRequestCounter extends OncePerRequestFilter {

	private final LedgerEvents events;

	OperatorRequestCounter(LedgerEvents events) {
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.events.operatorRequest();
		chain.doFilter(request, response);
	}

}
