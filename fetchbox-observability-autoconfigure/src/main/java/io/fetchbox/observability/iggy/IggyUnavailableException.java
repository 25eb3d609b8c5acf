package io.fetchbox.observability.iggy;

/**
 * Thrown (through the returned future) by {@link SupervisedIggyClient#call} when the
 * client is not connected; the call was not attempted. The message names the address and
 * the last error, never credentials.
 *
 * @since 0.1.0
 */
public class IggyUnavailableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public IggyUnavailableException(String message) {
		super(message);
	}

}
