package io.fetchbox.observability.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs the testkit standalone for local demos:
 * {@code java -jar fetchbox-iggy-testkit.jar --port 8090 [--data-dir DIR]}. Stops cleanly
 * on SIGTERM or Ctrl-C. Not a production broker.
 *
 * @since 0.1.0
 */
public final class IggyTestkitMain {

	private static final String USAGE = """
			Usage: java -jar fetchbox-iggy-testkit.jar [options]
			  --port N                        TCP port (default 8090, 0 = ephemeral)
			  --host ADDRESS                  bind address (default 127.0.0.1; 0.0.0.0 for all)
			  --data-dir DIR                  keep data in DIR across restarts (default: memory only)
			  --max-messages-per-partition N  retention per partition (default 100000)
			  --username NAME --password PW   root credentials (default iggy/iggy)
			An Iggy 0.8.0 TCP protocol server for tests and local demos; never a production broker.""";

	private IggyTestkitMain() {
	}

	/**
	 * Starts the server and blocks until the process is asked to stop.
	 * @param args the command line
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		IggyTestkit server;
		try {
			server = start(args, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (server == null) {
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			System.out.println("Iggy testkit stopped");
			System.out.flush();
			stopped.countDown();
		}, "iggy-testkit-shutdown"));
		stopped.await();
	}

	/**
	 * Parses the command line and starts the server.
	 * @param args the command line
	 * @param out where the startup line goes
	 * @return the running server, or {@code null} when only help was asked for
	 * @throws IllegalArgumentException on a bad command line
	 */
	static @Nullable IggyTestkit start(String[] args, PrintStream out) {
		IggyTestkitBuilder builder = IggyTestkit.builder().port(8090);
		Path dataDir = null;
		String username = IggyTestkit.DEFAULT_USERNAME;
		String password = IggyTestkit.DEFAULT_PASSWORD;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(USAGE);
				return null;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Missing value for " + arg);
			}
			String value = args[++i];
			switch (arg) {
				case "--port" -> builder.port(parseInt(arg, value));
				case "--host" -> builder.host(value);
				case "--data-dir" -> dataDir = Path.of(value);
				case "--max-messages-per-partition" -> builder.maxMessagesPerPartition(parseInt(arg, value));
				case "--username" -> username = value;
				case "--password" -> password = value;
				default -> throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		IggyTestkit server = builder.credentials(username, password).dataDir(dataDir).start();
		out.println("Iggy testkit (Iggy 0.8.0 TCP protocol; for tests and demos, not a production broker) listening on "
				+ server.address() + ((dataDir != null) ? ", data in " + dataDir.toAbsolutePath() : ", in memory"));
		out.flush();
		return server;
	}

	private static int parseInt(String option, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
		}
	}

}
