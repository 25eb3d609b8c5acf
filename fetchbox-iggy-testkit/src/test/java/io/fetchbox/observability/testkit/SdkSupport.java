package io.fetchbox.observability.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> client.system().getMe().get(5, TimeUnit.SECONDS) != null);
	}

	static IggyTcpClient awaitAuthenticated(IggyTcpClient client) {
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.system().getMe() != null);
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

	/**
	 * A blocking-interface view of an async SDK client (e.g. the async
	 * {@code UsersClient} seen as the blocking one): each call goes to the async method
	 * of the same name and waits for its future, so one test body drives both SDK
	 * clients. Failures surface as the SDK's own exception, unwrapped from the future.
	 */
	static <T> T blockingView(Class<T> blockingInterface, Object asyncClient) {
		InvocationHandler handler = (proxy, method, args) -> {
			Method target = asyncMethod(asyncClient, method);
			if (target == null) {
				// a blocking-only convenience overload: it delegates to another method
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			Object result;
			try {
				result = target.invoke(asyncClient, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (!(result instanceof CompletableFuture<?> future)) {
				return result;
			}
			try {
				return future.get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw ex.getCause();
			}
		};
		return blockingInterface.cast(Proxy.newProxyInstance(blockingInterface.getClassLoader(),
				new Class<?>[] { blockingInterface }, handler));
	}

	private static Method asyncMethod(Object asyncClient, Method method) {
		try {
			return asyncClient.getClass().getMethod(method.getName(), method.getParameterTypes());
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
