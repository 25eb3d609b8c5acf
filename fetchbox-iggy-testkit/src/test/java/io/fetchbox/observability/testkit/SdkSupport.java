package io.fetchbox.observability.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.topic.CompressionAlgorithm;

import static org.awaitility.Awaitility.await;

/**
 * SDK helpers shared by the testkit tests. {@link #login} and {@link #awaitAuthenticated}
 * work around an SDK 0.8.0 race: {@code login()} completes before the client marks itself
 * authenticated. The flag is one per client, set by a callback that the SDK adds to the
 * login's response on its I/O thread, so the caller's continuation can run first. The
 * next call then either waits for the login's pooled connection (released only after the
 * flag is set: a single-connection client never sees the race) or takes another idle
 * connection of the pool and is refused in the client with "Not authenticated, call login
 * first". Once one authenticated call went through, the flag stays set and the SDK logs
 * every other pooled connection in before its first command.
 */
final class SdkSupport {

	private SdkSupport() {
	}

	static void login(AsyncIggyTcpClient client) throws Exception {
		client.login().get(30, TimeUnit.SECONDS);
		awaitAuthenticated(() -> client.system().getMe().get(30, TimeUnit.SECONDS));
	}

	static IggyTcpClient awaitAuthenticated(IggyTcpClient client) {
		awaitAuthenticated(() -> client.system().getMe());
		return client;
	}

	/**
	 * Repeat an authenticated call until the SDK stops refusing it as "not authenticated"
	 * (see above), for up to 30 s. Any other failure fails at once.
	 */
	static void awaitAuthenticated(Callable<?> authenticatedCall) {
		await().atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.ignoreExceptionsMatching(SdkSupport::refusedAsNotAuthenticated)
			.until(authenticatedCall, Objects::nonNull);
	}

	private static boolean refusedAsNotAuthenticated(Throwable ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		return cause instanceof IggyNotConnectedException && cause.getMessage() != null
				&& cause.getMessage().startsWith("Not authenticated");
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
