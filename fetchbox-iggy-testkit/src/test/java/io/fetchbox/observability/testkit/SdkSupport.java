package io.fetchbox.observability.testkit;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.topic.CompressionAlgorithm;

import static org.awaitility.Awaitility.await;

/**
 * SDK helpers shared by the testkit tests. {@link #login} works around an SDK 0.8.0 race:
 * {@code login()} completes before the client marks itself authenticated (the flag is set
 * by a later callback on the Netty thread), so the very next call can fail in the client
 * with "Not authenticated, call login first".
 */
final class SdkSupport {

	private SdkSupport() {
	}

	static void login(AsyncIggyTcpClient client) throws Exception {
		client.login().get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> client.system().getMe().get(5, TimeUnit.SECONDS) != null);
	}

	static IggyTcpClient awaitAuthenticated(IggyTcpClient client) {
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.system().getMe() != null);
		return client;
	}

	static void createStreamAndTopic(AsyncIggyTcpClient client, String stream, String topic, long partitions)
			throws Exception {
		client.streams().createStream(stream).get(10, TimeUnit.SECONDS);
		client.topics()
			.createTopic(StreamId.of(stream), partitions, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
					Optional.empty(), topic)
			.get(10, TimeUnit.SECONDS);
	}

}
