package io.fetchbox.observability.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

import static org.awaitility.Awaitility.await;

/**
 * Works around an SDK 0.8.0 race: {@code login()} completes before the client marks
 * itself authenticated (the flag is set by a later callback on the Netty thread), so the
 * very next call can fail in the client with "Not authenticated, call login first".
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

}
