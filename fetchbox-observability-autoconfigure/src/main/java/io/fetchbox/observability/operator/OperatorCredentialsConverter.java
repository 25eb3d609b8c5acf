package io.fetchbox.observability.operator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Basic ...} or {@code Authorization: Bearer ...} into an
 * unauthenticated {@link OperatorAuthentication}; no header means anonymous.
 *
 * @since 0.1.0
 */
public final class OperatorCredentialsConverter implements AuthenticationConverter {

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			return null;
		}
		header = header.trim();
		if (startsWithIgnoreCase(header, "Bearer ")) {
			String token = header.substring(7).trim();
			if (token.isEmpty()) {
				throw new BadCredentialsException("Empty bearer token");
			}
			return OperatorAuthentication.bearer(token);
		}
		if (startsWithIgnoreCase(header, "Basic ")) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new BadCredentialsException("Malformed basic credentials");
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw new BadCredentialsException("Malformed basic credentials");
			}
			return OperatorAuthentication.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
		}
		return null;
	}

	private static boolean startsWithIgnoreCase(String value, String prefix) {
		return value.regionMatches(true, 0, prefix, 0, prefix.length());
	}

}
