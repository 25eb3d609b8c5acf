package io.fetchbox.observability.metrics;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code promtool} (Debian package {@code prometheus}, installed by
 * {@code .ci/run}). Tests that need it are skipped, with a message saying so, only when
 * it is not installed on this machine.
 */
public final class PromTool {

	private PromTool() {
	}

	/**
	 * Skip the calling test unless promtool is on the PATH.
	 * @return the promtool executable
	 */
	public static String require() {
		return require("promtool");
	}

	/**
	 * Skip the calling test unless a program of Debian's {@code prometheus} package is on
	 * the PATH.
	 * @param name {@code promtool} or {@code prometheus}
	 * @return the executable
	 */
	public static String require(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		Assumptions.abort(name + " is not installed here (apt-get install -y prometheus; .ci/run installs it)");
		throw new IllegalStateException();
	}

	/**
	 * Run promtool.
	 * @param stdin text for its standard input, or {@code null}
	 * @param args its arguments
	 * @return exit code and combined output
	 * @throws IOException on failure to run it
	 * @throws InterruptedException if interrupted
	 */
	public static Result run(String stdin, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(require());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (OutputStream in = process.getOutputStream()) {
			if (stdin != null) {
				in.write(stdin.getBytes(StandardCharsets.UTF_8));
			}
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("promtool did not finish: " + command);
		}
		return new Result(process.exitValue(), output);
	}

	public record Result(int exitCode, String output) {
	}

}
