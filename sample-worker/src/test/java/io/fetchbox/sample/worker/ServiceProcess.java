package io.fetchbox.sample.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A FetchBox service run as its own JVM from its executable jar, so it can be killed for
 * real; its output goes to a log file kept for inspection.
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
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
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		return new ServiceProcess(name, process, log);
	}

	/**
	 * A port that was free a moment ago, for services that need to know theirs up front.
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
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
