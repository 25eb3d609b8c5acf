package io.fetchbox.observability.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code Authorization} header of an operator request,
 * {@code Basic base64(name:password)} or {@code Bearer token}, against the configured
 * credentials. Needs no Spring Security: secrets are compared in constant time, and only
 * a password stored encoded ({@code {bcrypt}...}) needs an
 * {@link EncodedPasswordMatcher}. A failure never says which part was wrong.
 *
 * @since 0.1.0
 */
public final class OperatorAuthenticator {

	/** {@code {id}encoded}, the form of Spring Security's delegating password encoder. */
	private static final Pattern ENCODED = Pattern.compile("\\{[A-Za-z0-9@._-]+}.+");

	private final List<OperatorCredential> credentials;

	private final @Nullable EncodedPasswordMatcher encodedPasswords;

	/**
	 * Create an authenticator.
	 * @param credentials the accepted credentials
	 * @param encodedPasswords checks passwords stored as {@code {id}encoded}, or
	 * {@code null} when none is available
	 * @throws EncodedPasswordsUnsupportedException if a password is stored encoded and no
	 * matcher is given
	 */
	public OperatorAuthenticator(List<OperatorCredential> credentials,
			@Nullable EncodedPasswordMatcher encodedPasswords) {
		this.credentials = List.copyOf(credentials);
		this.encodedPasswords = encodedPasswords;
		if (encodedPasswords == null) {
			for (int i = 0; i < this.credentials.size(); i++) {
				String password = this.credentials.get(i).password();
				if (password != null && isEncoded(password)) {
					throw new EncodedPasswordsUnsupportedException(i);
				}
			}
		}
	}

	/**
	 * Whether a configured password is in the {@code {id}encoded} form.
	 * @param password the configured password
	 * @return whether it needs an {@link EncodedPasswordMatcher}
	 */
	public static boolean isEncoded(String password) {
		return ENCODED.matcher(password).matches();
	}

	/**
	 * The operator presenting the given header.
	 * @param authorization the {@code Authorization} header value, or {@code null}
	 * @return the operator, or empty when the header is missing, malformed or matches no
	 * credential
	 */
	public Optional<OperatorPrincipal> authenticate(@Nullable String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		String header = authorization.trim();
		OperatorCredential match = null;
		if (startsWithIgnoreCase(header, "Bearer ")) {
			String token = header.substring(7).trim();
			for (OperatorCredential credential : this.credentials) {
				// Every credential is checked, so the time taken does not tell which
				// matched.
				if (equal(credential.token(), token) && match == null) {
					match = credential;
				}
			}
		}
		else if (startsWithIgnoreCase(header, "Basic ")) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return Optional.empty();
			}
			String name = decoded.substring(0, colon);
			String password = decoded.substring(colon + 1);
			for (OperatorCredential credential : this.credentials) {
				if (credential.name().equals(name) && passwordMatches(credential.password(), password)
						&& match == null) {
					match = credential;
				}
			}
		}
		return (match != null) ? Optional.of(new OperatorPrincipal(match.name(), match.tenant())) : Optional.empty();
	}

	private boolean passwordMatches(@Nullable String configured, String presented) {
		if (configured == null) {
			return false;
		}
		if (this.encodedPasswords != null && isEncoded(configured)) {
			try {
				return this.encodedPasswords.matches(presented, configured);
			}
			catch (IllegalArgumentException ex) {
				// An unknown {id}: the password is plain text after all.
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

	private static boolean startsWithIgnoreCase(String value, String prefix) {
		return value.regionMatches(true, 0, prefix, 0, prefix.length());
	}

}
