package io.fetchbox.observability.testkit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.apache.iggy.client.async.tcp.AsyncTcpConnection;
import org.apache.iggy.client.async.tcp.UsersTcpClient;

/**
 * The SDK's own TCP transport ({@link AsyncTcpConnection}, which both SDK clients use),
 * for the command codes SDK 0.8.0 has no method for (11, 12, 102, 122, 205, 305, 503):
 * the request goes out through the SDK's framing, login replay and error mapping (a
 * failure is the SDK's {@code IggyServerException} subclass, as for any other call).
 */
final class SdkTransport implements AutoCloseable {

	private final AsyncTcpConnection connection;

	private SdkTransport(AsyncTcpConnection connection) {
		this.connection = connection;
	}

	static SdkTransport login(String host, int port, String username, String password) throws Exception {
		AsyncTcpConnection connection = new AsyncTcpConnection(host, port, false, Optional.empty(),
				new AsyncTcpConnection.TCPConnectionPoolConfig(1, 1000, 3000), Optional.empty());
		connection.connect().get(10, TimeUnit.SECONDS);
		new UsersTcpClient(connection).login(username, password).get(10, TimeUnit.SECONDS);
		SdkTransport transport = new SdkTransport(connection);
		SdkSupport.awaitAuthenticated(() -> transport.send(IggyCommands.GET_ME, new byte[0]));
		return transport;
	}

	/**
	 * Sends one command and waits for the answer.
	 * @return the response payload
	 * @throws RuntimeException the SDK's exception for an error status
	 */
	byte[] send(int code, byte[] payload) {
		CompletableFuture<ByteBuf> response = this.connection.send(code, Unpooled.wrappedBuffer(payload));
		try {
			ByteBuf buf = response.get(30, TimeUnit.SECONDS);
			try {
				return ByteBufUtil.getBytes(buf);
			}
			finally {
				buf.release();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	CompletableFuture<Void> closeAsync() {
		return this.connection.close();
	}

	@Override
	public void close() {
		closeAsync().join();
	}

}
