package io.fetchbox.observability.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.exception.IggyAuthenticationException;
import org.apache.iggy.exception.IggyAuthorizationException;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyResourceNotFoundException;

import io.fetchbox.observability.HostAndPort;
import io.fetchbox.observability.tail.TailNotFoundException;
import io.fetchbox.observability.tail.iggy.IggyCalls;

/**
 * One logged-in SDK client for the duration of a command. Every call is bounded by the
 * command's timeout, and every failure becomes a one-line {@link CliException} that names
 * what to check, never the password.
 *
 * @since 0.1.0
 */
final class IggyConnection implements IggyCalls, AutoCloseable {

	private final AsyncIggyTcpClient client;

	private final HostAndPort address;

	private final String username;

	private final Duration timeout;

	private IggyConnection(AsyncIggyTcpClient client, HostAndPort address, String username, Duration timeout) {
		this.client = client;
		this.address = address;
		this.username = username;
		this.timeout = timeout;
	}

	static IggyConnection open(HostAndPort address, String username, String password, Duration timeout) {
		AsyncIggyTcpClient client = AsyncIggyTcpClient.builder()
			.host(address.host())
			.port(address.port())
			.credentials(username, password)
			.connectionTimeout(timeout)
			.connectionPoolSize(2)
			.build();
		IggyConnection connection = new IggyConnection(client, address, username, timeout);
		try {
			connection.await("connect", client.connect());
			connection.await("login", client.login());
			connection.awaitAuthenticated();
			return connection;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * The SDK (0.8.0) completes {@code login()} before it marks itself authenticated (a
	 * later callback on its I/O thread does that), so a call made right after the login
	 * can fail in the client with "Not authenticated, call login first". Wait, within the
	 * command's timeout, until an authenticated call goes through.
	 */
	private void awaitAuthenticated() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			try {
				this.client.system().getMe().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CliException(CliException.CONNECTION, "interrupted");
			}
			catch (ExecutionException | TimeoutException | RuntimeException ex) {
				Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
				if (!(cause instanceof IggyNotConnectedException) || System.nanoTime() - deadline > 0) {
					throw translate("login", ex);
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}
	}

	@Override
	public <T> CompletableFuture<T> call(String operation, Function<AsyncIggyTcpClient, CompletableFuture<T>> call) {
		try {
			return call.apply(this.client).orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	<T> T await(String operation, CompletableFuture<T> future) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(CliException.CONNECTION, "interrupted");
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw translate(operation, ex);
		}
	}

	/**
	 * Turn an SDK failure into the line a shell user can act on.
	 * @param operation what was being done
	 * @param error the failure
	 * @return the exception to throw
	 */
	CliException translate(String operation, Throwable error) {
		Throwable cause = error;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		String where = "Iggy at " + this.address.host() + ":" + this.address.port();
		if (cause instanceof CliException cli) {
			return cli;
		}
		if (cause instanceof TimeoutException) {
			return new CliException(CliException.CONNECTION, where + " did not answer " + operation + " within "
					+ this.timeout.toMillis() + "ms (check --address/IGGY_ADDRESS, or raise --timeout)");
		}
		if (cause instanceof IggyAuthenticationException || cause instanceof IggyAuthorizationException) {
			return new CliException(CliException.CONNECTION, where + " refused the credentials of user '"
					+ this.username + "' (check --username/--password or IGGY_USERNAME/IGGY_PASSWORD)");
		}
		if (cause instanceof TailNotFoundException || cause instanceof IggyResourceNotFoundException) {
			return new CliException(CliException.NOT_FOUND, notFoundMessage(cause));
		}
		if (hasCause(cause, ConnectException.class) || hasCause(cause, UnknownHostException.class)
				|| hasCause(cause, UnresolvedAddressException.class) || "connect".equals(operation)) {
			return new CliException(CliException.CONNECTION,
					"cannot connect to " + where + " (check --address or IGGY_ADDRESS, and that the broker runs)");
		}
		return new CliException(CliException.CONNECTION,
				where + " failed " + operation + ": " + oneLine(String.valueOf(cause.getMessage())));
	}

	private static String notFoundMessage(Throwable cause) {
		String message = oneLine(String.valueOf(cause.getMessage()));
		return (cause instanceof TailNotFoundException) ? message : "not found on the broker: " + message;
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").trim();
	}

	@Override
	public void close() {
		// Netty's graceful shutdown takes about 2s; the process exits right after, so
		// do not wait for it.
		this.client.close();
	}

}
