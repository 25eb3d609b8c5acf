package io.fetchbox.observability.operator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Makes an authenticated operator visible to the application's Spring Security filter
 * chain, whichever it is, for this one request: the operator's
 * {@link OperatorAuthentication} is stored where every chain's default
 * {@link SecurityContextRepository} looks first (a request attribute), never in the
 * session. So Spring Boot's default chain, which requires an authenticated user
 * everywhere, lets an operator through to {@code /operator/**}, and an application's own
 * chain applies its own rules to it (for example refusing {@code ROLE_FETCHBOX_OPERATOR}
 * there). Nothing changes for any other path.
 *
 * @since 0.1.0
 */
public final class SpringSecurityOperatorContext implements OperatorAuthenticationListener {

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	@Override
	public void authenticated(OperatorPrincipal operator, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(new OperatorAuthentication(operator));
		this.repository.saveContext(context, request, response);
	}

}
