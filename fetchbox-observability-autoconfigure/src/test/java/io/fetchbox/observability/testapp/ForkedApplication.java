package io.fetchbox.observability.testapp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Runs a Spring Boot main class in a separate JVM with the test class path and collects
 * its stdout line by line, exactly as a container runtime would see it.
 */
public final class ForkedApplication implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

	private final Process process;

	private final List<String> stdout = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private ForkedApplication(Process process) {
		this.process = process;
		this.reader = new Thread(this::read, "forked-app-stdout");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Start the main class with the given application arguments.
	 * @param mainClass the main class
	 * @param args application arguments
	 * @return the running application
	 * @throws IOException if the JVM cannot be started
	 */
	public static ForkedApplication start(Class<?> mainClass, String... args) throws IOException {
		return startWithout((entry) -> false, mainClass, args);
	}

	/**
	 * Start the main class with the given application arguments and a class path without
	 * some of the test class path's entries (for example a library the application must
	 * work without).
	 * @param excluded which class path entries to leave out
	 * @param mainClass the main class
	 * @param args application arguments
	 * @return the running application
	 * @throws IOException if the JVM cannot be started
	 */
	public static ForkedApplication startWithout(Predicate<String> excluded, Class<?> mainClass, String... args)
			throws IOException {
		String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String classPath = Arrays.stream(testClassPath.split(File.pathSeparator))
			.filter((entry) -> !excluded.test(entry))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		// JVM warnings go to stdout by default; stdout must hold only the application's
		// lines.
		command.add("-XX:+DisplayVMOutputToStderr");
		command.add("-Dfile.encoding=UTF-8");
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		File stderr = new File("target", mainClass.getSimpleName() + "-" + ProcessHandle.current().pid() + ".stderr");
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr);
		return new ForkedApplication(builder.start());
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				this.stdout.add(line);
				// Surefire keeps this in target/surefire-reports/*-output.txt for
				// diagnosis.
				System.out.println("[forked] " + line);
			}
		}
		catch (IOException ex) {
			// process ended
		}
	}

	/**
	 * Wait until the embedded web server has started and return its port.
	 * @return the HTTP port
	 */
	public int awaitPort() {
		int[] port = new int[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Application exited with " + this.process.exitValue() + ":\n" + String.join("\n", this.stdout));
			}
			for (String line : this.stdout) {
				Matcher matcher = PORT.matcher(line);
				if (matcher.find()) {
					port[0] = Integer.parseInt(matcher.group(1));
					return true;
				}
			}
			return false;
		});
		return port[0];
	}

	/**
	 * Lines written to stdout so far.
	 * @return a snapshot of the lines
	 */
	public List<String> stdout() {
		return List.copyOf(this.stdout);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			// A graceful stop; never wait without limit (this runs in a JVM shutdown
			// hook,
			// and Surefire kills a fork that has not exited 30 s after the tests).
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
