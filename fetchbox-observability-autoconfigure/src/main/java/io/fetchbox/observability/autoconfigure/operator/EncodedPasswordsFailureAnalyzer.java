package io.fetchbox.observability.autoconfigure.operator;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.fetchbox.observability.operator.EncodedPasswordsUnsupportedException;

/**
 * Explains an encoded operator password that cannot be checked: what to add to the class
 * path, or how to configure the password instead.
 */
class EncodedPasswordsFailureAnalyzer extends AbstractFailureAnalyzer<EncodedPasswordsUnsupportedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EncodedPasswordsUnsupportedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Add org.springframework.security:spring-security-crypto (version managed by Spring Boot) to the "
						+ "application's dependencies, or set '" + cause.getProperty()
						+ "' in plain text from a secret store or environment variable.",
				cause);
	}

}
