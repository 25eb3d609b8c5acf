package io.fetchbox.observability.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks {@link OperatorAuthentication} against the configured credentials. Secrets are
 * compared in constant time; a password stored as {@code {id}encoded} goes through Spring
 * Security's delegating password encoder. Failures never say which part was wrong.
 *
 * @since 0.1.0
 */
public final class OperatorAuthenticationManager implements AuthenticationManager {

	private final List<OperatorCredential> credentials;

	private final PasswordEncoder encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/**
	 * Create a manager.
	 * @param credentials the accepted credentials
	 */
	public OperatorAuthenticationManager(List<OperatorCredential> credentials) {
		this.credentials = List.copyOf(credentials);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (!(authentication instanceof OperatorAuthentication presented)) {
			throw new BadCredentialsException("Unsupported credentials");
		}
		String secret = (String) presented.getCredentials();
		OperatorCredential match = null;
		for (OperatorCredential credential : this.credentials) {
			boolean ok = presented.isBearer() ? equal(credential.token(), secret)
					: credential.name().equals(presented.getPrincipal())
							&& passwordMatches(credential.password(), secret);
			if (ok && match == null) {
				match = credential;
			}
		}
		presented.eraseCredentials();
		if (match == null) {
			throw new BadCredentialsException("Bad operator credentials");
		}
		return OperatorAuthentication.authenticated(new OperatorPrincipal(match.name(), match.tenant()));
	}

	private boolean passwordMatches(@Nullable String configured, @Nullable String presented) {
		if (configured == null || presented == null) {
			return false;
		}
		if (configured.startsWith("{")) {
			try {
				return this.encoders.matches(presented, configured);
			}
			catch (IllegalArgumentException ex) {
				return equal(configured, presented);
			}
		}
		return equal(configured, presented);
	}

	private static boolean equal(@Nullable String configured, @Nullable String presented) {
		if (configured == null || configured.isEmpty() || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

}
