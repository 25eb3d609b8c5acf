package io.fetchbox.sample.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A FetchBox service run as its own JVM from its executable jar, so it can be killed for
 * real; its output goes to a log file kept for inspection.
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final Path portFile;

	private ServiceProcess(String name, Process process, Path log, Path portFile) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.portFile = portFile;
	}

	static ServiceProcess start(String name, Path jar, Path workDir, Path logDir, List<String> args)
			throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + ": build with 'package' before the integration tests");
		}
		Files.createDirectories(workDir);
		Files.createDirectories(logDir);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.addAll(args);
		Path log = logDir.resolve(name + ".log");
		// The services start their servers on port 0 and write the ports they bound to
		// this file (Boot's WebServerPortFileWriter, "<name>-management.port" for the
		// management server): no port picked here that another process could take first.
		Path portFile = workDir.resolve(name + ".port");
		Files.deleteIfExists(portFile);
		Files.deleteIfExists(managementPortFile(portFile));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		builder.environment().put("PORTFILE", portFile.toAbsolutePath().toString());
		return new ServiceProcess(name, builder.start(), log, portFile);
	}

	/**
	 * The port the service's web server bound, once it has started.
	 * @return the port
	 */
	int port() {
		return awaitPort(this.portFile);
	}

	/**
	 * The port the service's management server bound, once it has started.
	 * @return the port
	 */
	int managementPort() {
		return awaitPort(managementPortFile(this.portFile));
	}

	private static Path managementPortFile(Path portFile) {
		String name = portFile.getFileName().toString();
		return portFile.resolveSibling(name.substring(0, name.lastIndexOf('.')) + "-management.port");
	}

	private int awaitPort(Path file) {
		return await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(200))
			// not written yet, or written half
			.ignoreExceptionsMatching((ex) -> ex instanceof IOException || ex instanceof NumberFormatException)
			.until(() -> {
				if (!Files.exists(file) && !isAlive()) {
					throw new IllegalStateException(this + " exited before it wrote " + file);
				}
				return Integer.parseInt(Files.readString(file).trim());
			}, (port) -> port > 0);
	}

	String output() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log) : "";
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL: no shutdown hooks, nothing flushed, no offsets committed. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM: a graceful shutdown. */
	boolean stop() throws InterruptedException {
		this.process.destroy();
		boolean stopped = this.process.waitFor(60, TimeUnit.SECONDS);
		if (!stopped) {
			kill();
		}
		return stopped;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			stop();
		}
	}

	@Override
	public String toString() {
		return this.name + " (" + this.log + ")";
	}

}
