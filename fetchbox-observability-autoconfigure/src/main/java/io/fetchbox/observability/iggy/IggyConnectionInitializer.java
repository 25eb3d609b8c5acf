package io.fetchbox.observability.iggy;

import java.util.concurrent.CompletableFuture;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;

/**
 * Work to do on every fresh SDK connection, after login and before the client reports
 * {@link IggyConnectionState.Status#UP}, e.g. joining a consumer group (membership is per
 * connection and is lost with it). Bounded by the request timeout; a failure counts as a
 * failed connection attempt.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IggyConnectionInitializer {

	/**
	 * Initialise a freshly connected, authenticated client.
	 * @param client the SDK client
	 * @return completes when done
	 */
	CompletableFuture<?> initialize(AsyncIggyTcpClient client);

}
