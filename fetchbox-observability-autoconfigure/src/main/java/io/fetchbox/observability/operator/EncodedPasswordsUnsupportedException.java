package io.fetchbox.observability.operator;

/**
 * An operator password is stored encoded ({@code {bcrypt}...}) but nothing on the class
 * path can check it.
 *
 * @since 0.1.0
 */
public class EncodedPasswordsUnsupportedException extends IllegalStateException {

	private final String property;

	/**
	 * Create an exception for the credential at the given index.
	 * @param index index in {@code fetchbox.telemetry.operator.credentials}
	 */
	public EncodedPasswordsUnsupportedException(int index) {
		super("'fetchbox.telemetry.operator.credentials[" + index + "].password' is encoded ({id}...) but Spring "
				+ "Security Crypto, which checks encoded passwords, is not on the class path");
		this.property = "fetchbox.telemetry.operator.credentials[" + index + "].password";
	}

	/**
	 * The property holding the encoded password.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
