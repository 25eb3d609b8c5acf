package io.fetchbox.observability.tail.iggy;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

/**
 * Runs one SDK call, bounded by the caller's timeout (the SDK 0.8.0 has none). The
 * supervised client's {@code call} method has this exact shape, so
 * {@code supervisedClient::call} adapts it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IggyCalls {

	/**
	 * Run {@code call} against a connected, logged-in client.
	 * @param <T> the result type
	 * @param operation short name of the operation, for errors
	 * @param call the SDK call
	 * @return the result, failed with a {@link java.util.concurrent.TimeoutException}
	 * when the server does not answer in time
	 */
	<T> CompletableFuture<T> call(String operation, Function<AsyncIggyTcpClient, CompletableFuture<T>> call);

}
