package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An SDK call did not complete within our request timeout; the SDK client behind it was
 * discarded.
 *
 * @since 0.1.0
 */
public class IggyCallTimeoutException extends TimeoutException {

	private static final long serialVersionUID = 1L;

	public IggyCallTimeoutException(String operation, Duration timeout) {
		super("Iggy call '" + operation + "' did not complete within " + timeout);
	}

}
