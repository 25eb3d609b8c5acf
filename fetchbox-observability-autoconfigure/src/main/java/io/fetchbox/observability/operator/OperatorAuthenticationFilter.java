package io.fetchbox.observability.operator;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.fetchbox.observability.web.FilterErrorResponses;

/**
 * Guards the operator endpoints: a request without valid operator credentials gets a 401
 * problem response and goes no further; an authenticated one continues with its
 * {@link OperatorPrincipal} as the request's user principal and in the
 * {@link #PRINCIPAL_ATTRIBUTE} attribute. A plain servlet filter, mapped to the operator
 * paths only, so it works with or without Spring Security and never changes how any other
 * path of the application is secured.
 *
 * @since 0.1.0
 */
public final class OperatorAuthenticationFilter extends OncePerRequestFilter {

	/** Request attribute holding the authenticated {@link OperatorPrincipal}. */
	public static final String PRINCIPAL_ATTRIBUTE = OperatorPrincipal.class.getName();

	/** URL pattern of the operator endpoints. */
	public static final String URL_PATTERN = "/operator/*";

	private static final String CHALLENGE = "Basic realm=\"fetchbox-operator\", Bearer realm=\"fetchbox-operator\"";

	private final OperatorAuthenticator authenticator;

	private final List<OperatorAuthenticationListener> listeners;

	private final FilterErrorResponses errors;

	/**
	 * Create a filter.
	 * @param authenticator checks the credentials
	 * @param listeners told about every authenticated request
	 * @param errors writes the 401 response
	 */
	public OperatorAuthenticationFilter(OperatorAuthenticator authenticator,
			List<OperatorAuthenticationListener> listeners, FilterErrorResponses errors) {
		this.authenticator = authenticator;
		this.listeners = List.copyOf(listeners);
		this.errors = errors;
	}

	/**
	 * The operator authenticated for a request.
	 * @param request the request
	 * @return the operator, or {@code null} if the filter did not authenticate one
	 */
	public static @Nullable OperatorPrincipal operator(ServletRequest request) {
		return (request.getAttribute(PRINCIPAL_ATTRIBUTE) instanceof OperatorPrincipal operator) ? operator : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<OperatorPrincipal> operator = this.authenticator
			.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (operator.isEmpty()) {
			ErrorResponseException unauthorized = new ErrorResponseException(HttpStatus.UNAUTHORIZED,
					ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Operator credentials required"), null);
			unauthorized.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
			this.errors.send(request, response, unauthorized);
			return;
		}
		OperatorPrincipal principal = operator.get();
		request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
		for (OperatorAuthenticationListener listener : this.listeners) {
			listener.authenticated(principal, request, response);
		}
		chain.doFilter(new AuthenticatedRequest(request, principal), response);
	}

	/**
	 * The request as seen past the filter: its user is the operator.
	 */
	private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

		private final OperatorPrincipal operator;

		AuthenticatedRequest(HttpServletRequest request, OperatorPrincipal operator) {
			super(request);
			this.operator = operator;
		}

		@Override
		public Principal getUserPrincipal() {
			return this.operator;
		}

		@Override
		public String getRemoteUser() {
			return this.operator.getName();
		}

	}

}
