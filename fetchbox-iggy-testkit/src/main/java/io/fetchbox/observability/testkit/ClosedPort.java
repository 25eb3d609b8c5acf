package io.fetchbox.observability.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port on which nothing listens, for tests of "the broker (or origin, or
 * storage) is unreachable". The port stays reserved while this is open: it is bound by a
 * socket that never listens, so connections to it are refused and nothing else can bind
 * it meanwhile (unlike a port taken from a released {@code ServerSocket(0)}, which
 * another process may grab before the test uses it).
 *
 * <pre class="code">
 * try (ClosedPort closed = ClosedPort.reserve()) {
 *     connect("127.0.0.1", closed.port()); // refused
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class ClosedPort implements AutoCloseable {

	private final Socket socket;

	private ClosedPort(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Reserve a loopback port on which nothing listens.
	 * @return the reserved port; close it to release the port
	 */
	public static ClosedPort reserve() {
		Socket socket = new Socket();
		try {
			// Without SO_REUSEADDR no other socket can bind the port while this holds it.
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return new ClosedPort(socket);
		}
		catch (IOException ex) {
			try {
				socket.close();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw new UncheckedIOException("Could not reserve a loopback port", ex);
		}
	}

	/**
	 * The reserved port.
	 * @return the port number
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * The reserved port as {@code 127.0.0.1:port}.
	 * @return the address
	 */
	public String address() {
		return this.socket.getLocalAddress().getHostAddress() + ":" + port();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing held any more
		}
	}

}
