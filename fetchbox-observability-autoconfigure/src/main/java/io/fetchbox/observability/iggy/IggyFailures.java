package io.fetchbox.observability.iggy;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.iggy.exception.IggyClientException;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyServerException;

/**
 * Classification and safe description of Iggy call failures.
 *
 * @since 0.1.0
 */
public final class IggyFailures {

	private static final int MAX_DESCRIPTION = 300;

	private static final int UNAUTHENTICATED = 40;

	private static final int CONSUMER_GROUP_NOT_JOINED = 5006;

	private IggyFailures() {
	}

	/**
	 * The cause behind {@link CompletionException} / {@link ExecutionException} wrappers.
	 * @param failure a failure
	 * @return the innermost meaningful cause
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Whether the failure means the connection can no longer be trusted (timeout, I/O,
	 * closed or unauthenticated channel), as opposed to a server answer such as "not
	 * found" that leaves the connection usable.
	 * @param failure a failure
	 * @return whether the SDK client should be discarded
	 */
	public static boolean isConnectionFailure(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof TimeoutException || cause instanceof IOException
				|| cause instanceof IggyNotConnectedException) {
			return true;
		}
		if (cause instanceof IggyServerException server) {
			// The session behind the connection is gone (the SDK silently opened a new
			// one):
			// a consumer group membership or login must be redone on a fresh connection.
			int code = server.getRawErrorCode();
			return code == UNAUTHENTICATED || code == CONSUMER_GROUP_NOT_JOINED;
		}
		if (cause instanceof IggyClientException || cause instanceof IllegalArgumentException) {
			return false;
		}
		// Anything else (Netty channel errors, IggyConnectionException, ...): reconnect.
		return true;
	}

	/**
	 * One-line description of a failure: exception type and message, shortened. SDK
	 * exceptions never carry credentials; messages are still cut to stay small.
	 * @param failure a failure
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		String message = cause.getMessage();
		String text = cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		text = text.replace('\n', ' ').replace('\r', ' ');
		return (text.length() > MAX_DESCRIPTION) ? text.substring(0, MAX_DESCRIPTION) + "..." : text;
	}

	static CompletionException asCompletionException(Throwable failure) {
		return (failure instanceof CompletionException completion) ? completion : new CompletionException(failure);
	}

}
