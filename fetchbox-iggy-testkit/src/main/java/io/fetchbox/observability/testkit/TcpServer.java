package io.fetchbox.observability.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The TCP side: one accept thread and one thread per connection, each connection a
 * session answering strictly one response per request, in order.
 */
final class TcpServer {

	/** Largest payload read for any command but SEND_MESSAGES (the server's limit). */
	private static final long MAX_PAYLOAD = 10L * 1024 * 1024;

	/** Largest SEND_MESSAGES payload read; larger ones are skipped and refused. */
	private static final long MAX_SEND_PAYLOAD = 256L * 1024 * 1024;

	private static final AtomicLong threadIds = new AtomicLong();

	private final Broker broker;

	private final Faults faults;

	private final CommandCounters counters;

	private final AtomicLong clientIds;

	private final ServerSocket serverSocket;

	private final Thread acceptThread;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	TcpServer(Broker broker, Faults faults, CommandCounters counters, AtomicLong clientIds, String host, int port)
			throws IOException {
		this.broker = broker;
		this.faults = faults;
		this.counters = counters;
		this.clientIds = clientIds;
		this.serverSocket = new ServerSocket();
		this.serverSocket.setReuseAddress(true);
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 512);
		this.acceptThread = new Thread(this::acceptLoop, "iggy-testkit-accept-" + this.serverSocket.getLocalPort());
		this.acceptThread.setDaemon(true);
		this.acceptThread.start();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	int connectionCount() {
		return this.connections.size();
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				Connection connection = new Connection(socket);
				this.connections.add(connection);
				if (this.closed) {
					connection.abort();
				}
				Thread thread = new Thread(connection::run, "iggy-testkit-conn-" + threadIds.incrementAndGet());
				thread.setDaemon(true);
				connection.thread = thread;
				thread.start();
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
				pauseAfterAcceptFailure();
			}
		}
	}

	/** Avoids spinning when accept keeps failing (e.g. out of file descriptors). */
	private static void pauseAfterAcceptFailure() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Abortively closes every connection (RST), so the SDK fails in-flight calls. */
	void dropConnections() {
		for (Connection connection : this.connections) {
			connection.abort();
		}
		this.faults.wakeUp();
		awaitConnectionsGone();
	}

	void close() {
		this.closed = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		dropConnections();
		try {
			this.acceptThread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits briefly so that sessions (and group memberships) are gone on return. */
	private void awaitConnectionsGone() {
		for (Connection connection : this.connections) {
			Thread thread = connection.thread;
			if (thread != null && thread != Thread.currentThread()) {
				try {
					thread.join(2000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	final class Connection {

		private final Socket socket;

		private final Session session;

		private volatile boolean closed;

		volatile @Nullable Thread thread;

		Connection(Socket socket) {
			this.socket = socket;
			InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
			this.session = new Session(TcpServer.this.clientIds.incrementAndGet(),
					remote.getAddress().getHostAddress() + ":" + remote.getPort());
		}

		boolean closed() {
			return this.closed;
		}

		void abort() {
			this.closed = true;
			try {
				this.socket.setSoLinger(true, 0);
			}
			catch (SocketException ex) {
				// already closed
			}
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

		void run() {
			TcpServer.this.broker.connected(this.session);
			try {
				DataInputStream in = new DataInputStream(new BufferedInputStream(this.socket.getInputStream(), 65536));
				OutputStream out = new BufferedOutputStream(this.socket.getOutputStream(), 65536);
				byte[] header = new byte[8];
				while (!this.closed) {
					try {
						in.readFully(header);
					}
					catch (EOFException ex) {
						return;
					}
					long length = WireWriter.getU32(header, 0);
					int code = (int) WireWriter.getU32(header, 4);
					TcpServer.this.counters.increment(code);
					if (length < 4) {
						respond(out, IggyErrors.INVALID_COMMAND, null);
						continue;
					}
					long payloadLength = length - 4;
					long limit = (code == IggyCommands.SEND_MESSAGES) ? MAX_SEND_PAYLOAD : MAX_PAYLOAD;
					if (payloadLength > limit) {
						in.skipNBytes(payloadLength);
						respond(out, IggyErrors.INVALID_COMMAND, null);
						continue;
					}
					byte[] payload = in.readNBytes((int) payloadLength);
					if (payload.length < payloadLength) {
						return;
					}
					if (!TcpServer.this.faults.awaitRunning(this)) {
						return;
					}
					Duration latency = TcpServer.this.faults.latency();
					if (!latency.isZero()) {
						Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
					}
					int failure = TcpServer.this.faults.takeFailure(code);
					if (failure != 0) {
						respond(out, failure, null);
						continue;
					}
					byte[] response;
					try {
						response = TcpServer.this.broker.execute(this.session, code, payload);
					}
					catch (IggyErrorException ex) {
						respond(out, ex.code(), null);
						continue;
					}
					catch (RuntimeException ex) {
						// never leave a request unanswered: the SDK would hang forever
						respond(out, IggyErrors.INVALID_COMMAND, null);
						continue;
					}
					respond(out, 0, response);
				}
			}
			catch (IOException ex) {
				// the peer went away, or the connection was dropped on purpose
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				abort();
				TcpServer.this.broker.disconnected(this.session);
				TcpServer.this.connections.remove(this);
			}
		}

		private void respond(OutputStream out, int status, byte @Nullable [] payload) throws IOException {
			int length = (payload != null) ? payload.length : 0;
			byte[] header = new WireWriter(8).u32(status).u32(length).toByteArray();
			out.write(header);
			if (length > 0) {
				out.write(payload);
			}
			out.flush();
		}

	}

}
