package io.fetchbox.observability.operator;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@link EncodedPasswordMatcher} backed by Spring Security Crypto's delegating password
 * encoder ({@code {bcrypt}}, {@code {argon2}}, {@code {pbkdf2}}, ...). Needs only
 * {@code spring-security-crypto}, not Spring Security's web filters.
 *
 * @since 0.1.0
 */
public final class SpringSecurityPasswordMatcher implements EncodedPasswordMatcher {

	private final PasswordEncoder encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Override
	public boolean matches(String presented, String encoded) {
		return this.encoders.matches(presented, encoded);
	}

}
