package io.fetchbox.observability.benchmarks.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs the HTTP overhead benchmark: the same one-endpoint app built several ways, each
 * pinned to one core while {@code wrk} loads it from the other, measured in alternating
 * rounds so that every variant sees the same machine noise. The main measure is the app
 * process's CPU time (user + system, from {@code /proc/<pid>/stat}) per request served,
 * which a busy machine disturbs least; also without the JIT compiler threads, whose work
 * is left-over warmup that depends on how much CPU the machine gave the app during it.
 * Throughput and p99 latency are reported beside them.
 * <p>
 * Phases: startup rounds (each variant started alone, time to the first 200, the CPU the
 * process used until then, Boot's own "Started ... in" figure, RSS a few seconds later),
 * then a load phase with every variant running: one warmup per variant (repeated until it
 * served {@code warmup-requests}), then {@code rounds} rounds in rotated order. The apps'
 * stdout and stderr go into a pipe that the runner drains, as under a container runtime
 * (see {@link AppOutputDrain}); the first {@code log-keep-mb} MB of each go to a file,
 * and the bytes each variant logs per request are reported. The runner pins itself to the
 * load core, so draining takes nothing from the apps' core.
 * <p>
 * Options ({@code --name=value}): {@code jars} (directory holding
 * {@code http-overhead-<variant>.jar} and {@code opentelemetry-javaagent.jar}),
 * {@code out}, {@code variants}, {@code warmup}, {@code warmup-requests},
 * {@code duration}, {@code rounds}, {@code startup-rounds}, {@code connections},
 * {@code app-cpu}, {@code load-cpu}, {@code port}, {@code log-keep-mb}, {@code jvm-args}
 * (added to every variant, space separated). A variant named {@code starter-<anything>}
 * runs {@code http-overhead-starter-<anything>.jar} like {@code starter}, to compare two
 * builds of the starter in one run.
 */
public final class HttpOverheadRunner {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private static final Pattern WRK_REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(\\w+)");

	private static final Pattern WRK_P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(\\w+)");

	private static final Pattern WRK_ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern WRK_SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

	private final Map<String, String> options;

	private final Path jars;

	private final Path out;

	private final PrintStream report;

	private final long clockTicks;

	private final int machineCores;

	private final List<Process> running = Collections.synchronizedList(new ArrayList<>());

	private HttpOverheadRunner(Map<String, String> options) throws IOException, InterruptedException {
		this.options = options;
		this.jars = Path.of(option("jars", "http-overhead-benchmark/target/jars"));
		this.out = Path.of(option("out", "http-overhead-benchmark/target/results"));
		Files.createDirectories(this.out);
		this.report = new PrintStream(Files.newOutputStream(this.out.resolve("report.md")), true,
				StandardCharsets.UTF_8);
		this.clockTicks = Long.parseLong(exec("getconf", "CLK_TCK").trim());
		this.machineCores = Runtime.getRuntime().availableProcessors();
		// Every thread, and those started later (the output drains), on the load core.
		exec("taskset", "-a", "-p", "-c", option("load-cpu", "1"), Long.toString(ProcessHandle.current().pid()));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Options are --name=value, got '" + arg + "'");
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		HttpOverheadRunner runner = new HttpOverheadRunner(options);
		Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
		try {
			runner.run();
		}
		finally {
			runner.stopAll();
		}
	}

	private String option(String name, String defaultValue) {
		return this.options.getOrDefault(name, defaultValue);
	}

	private int intOption(String name, int defaultValue) {
		return Integer.parseInt(option(name, Integer.toString(defaultValue)));
	}

	private void run() throws Exception {
		List<Variant> variants = new ArrayList<>();
		for (String name : option("variants", "bare,starter,hand-assembled,hand-assembled-access,otel-agent")
			.split(",")) {
			variants.add(variant(name.trim()));
		}
		int startupRounds = intOption("startup-rounds", 3);
		int rounds = intOption("rounds", 5);
		int warmup = intOption("warmup", 20);
		int duration = intOption("duration", 15);
		print("# HTTP overhead benchmark");
		print("");
		print("- date: " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)));
		print("- machine: " + this.machineCores + " cores, load average "
				+ Files.readString(Path.of("/proc/loadavg")).trim());
		print("- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		print("- app on core " + option("app-cpu", "0") + ", wrk -t1 -c" + option("connections", "16") + " on core "
				+ option("load-cpu", "1") + "; startup rounds " + startupRounds + "; warmup " + warmup + " s; " + rounds
				+ " rounds x " + duration + " s; medians");
		print("- options: " + this.options);
		print("");

		Map<String, List<Double>> startupMs = new LinkedHashMap<>();
		Map<String, List<Double>> startupCpuMs = new LinkedHashMap<>();
		Map<String, List<Double>> bootStartedMs = new LinkedHashMap<>();
		Map<String, List<Double>> rssAfterStart = new LinkedHashMap<>();
		for (int round = 0; round < startupRounds; round++) {
			for (Variant variant : rotate(variants, round)) {
				App app = start(variant, basePort() + 10, "startup-" + round);
				try {
					startupMs.computeIfAbsent(variant.name, (k) -> new ArrayList<>()).add(app.firstOkMillis);
					startupCpuMs.computeIfAbsent(variant.name, (k) -> new ArrayList<>()).add(app.startupCpuMillis);
					Thread.sleep(3000);
					rssAfterStart.computeIfAbsent(variant.name, (k) -> new ArrayList<>()).add(rssMb(app.process));
					Double started = bootStartedMillis(app.log);
					if (started != null) {
						bootStartedMs.computeIfAbsent(variant.name, (k) -> new ArrayList<>()).add(started);
					}
					log("startup %s round %d: first 200 after %.0f ms (CPU %.0f ms), Boot 'Started' %s ms, RSS %.0f MB",
							variant.name, round, app.firstOkMillis, app.startupCpuMillis, started,
							last(rssAfterStart.get(variant.name)));
				}
				finally {
					stop(app.process);
				}
			}
		}

		Map<String, App> apps = new LinkedHashMap<>();
		int port = basePort();
		for (Variant variant : variants) {
			apps.put(variant.name, start(variant, port++, "load"));
		}
		int warmupRequests = intOption("warmup-requests", 100_000);
		for (Variant variant : variants) {
			// A busy machine can leave an app too little CPU to warm up in the given
			// time:
			// repeat until it served enough requests (at most five times).
			long served = 0;
			for (int attempt = 0; attempt < 5 && served < warmupRequests; attempt++) {
				Load load = load(apps.get(variant.name), warmup);
				served += load.requests;
				log("warmup %s: %.0f req/s, %.1f us CPU/request", variant.name, load.requestsPerSecond,
						load.cpuMicrosPerRequest);
			}
		}
		Map<String, List<Load>> loads = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (Variant variant : rotate(variants, round)) {
				Load load = load(apps.get(variant.name), duration);
				loads.computeIfAbsent(variant.name, (k) -> new ArrayList<>()).add(load);
				log("round %d %s: %.0f req/s, %.1f us CPU/request, p99 %.2f ms, errors %d, %.0f log bytes/request",
						round, variant.name, load.requestsPerSecond, load.cpuMicrosPerRequest, load.p99Millis,
						load.errors, load.logBytesPerRequest);
			}
		}
		Map<String, Double> rssAfterLoad = new LinkedHashMap<>();
		for (Variant variant : variants) {
			rssAfterLoad.put(variant.name, rssMb(apps.get(variant.name).process));
		}
		stopAll();

		print("");
		print("## Per round");
		print("");
		print("| round | variant | CPU µs / request | without JIT | req/s | p99 ms | errors | log bytes / request |");
		print("|---|---|---|---|---|---|---|---|");
		for (int round = 0; round < rounds; round++) {
			for (Variant variant : variants) {
				Load load = loads.get(variant.name).get(round);
				print(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f | %.2f | %d | %.0f |", round,
						variant.name, load.cpuMicrosPerRequest, load.cpuMicrosWithoutJitPerRequest,
						load.requestsPerSecond, load.p99Millis, load.errors, load.logBytesPerRequest));
			}
		}
		print("");
		print("## Medians");
		print("");
		String anchor = variants.get(0).name;
		// Besides the anchor, ratios against the hand-assembled variants that ran.
		List<String> references = Stream.of("hand-assembled", "hand-assembled-access")
			.filter(apps::containsKey)
			.toList();
		String referenceHeaders = references.stream().map((name) -> " | × " + name).collect(Collectors.joining());
		String referenceSeparators = "---|".repeat(references.size());
		Function<String, Double> cpu = (name) -> median(loads.get(name), (l) -> l.cpuMicrosPerRequest);
		Function<String, Double> cpuWithoutJit = (name) -> median(loads.get(name),
				(l) -> l.cpuMicrosWithoutJitPerRequest);
		Function<String, Double> rps = (name) -> median(loads.get(name), (l) -> l.requestsPerSecond);
		Function<String, Double> startup = (name) -> median(startupMs.getOrDefault(name, List.of()));
		Function<String, Double> startupCpu = (name) -> median(startupCpuMs.getOrDefault(name, List.of()));
		Function<String, Double> rss = (name) -> median(rssAfterStart.getOrDefault(name, List.of()));
		print("| variant | CPU µs / request | × " + anchor + referenceHeaders + " | without JIT µs | × " + anchor
				+ referenceHeaders + " | req/s | × " + anchor + " | p99 ms | first 200 ms | × " + anchor
				+ " | CPU to first 200 ms | × " + anchor + " | Boot 'Started' ms | RSS after start MB | Δ " + anchor
				+ " | RSS after load MB | added jars MB (files) | log bytes / request |");
		print("|---|---|---|" + referenceSeparators + "---|---|" + referenceSeparators
				+ "---|---|---|---|---|---|---|---|---|---|---|---|---|");
		Map<String, String> addedJars = addedJars(variants);
		for (Variant variant : variants) {
			String name = variant.name;
			print(String.format(Locale.ROOT,
					"| %s | %.1f | %.2f%s | %.1f | %.2f%s | %.0f | %.2f | %.2f | %.0f | %.2f | %.0f | %.2f | %s | %.0f | %+.0f | %.0f | %s | %.0f |",
					name, cpu.apply(name), cpu.apply(name) / cpu.apply(anchor), ratios(cpu, name, references),
					cpuWithoutJit.apply(name), cpuWithoutJit.apply(name) / cpuWithoutJit.apply(anchor),
					ratios(cpuWithoutJit, name, references), rps.apply(name), rps.apply(name) / rps.apply(anchor),
					median(loads.get(name), (l) -> l.p99Millis), startup.apply(name),
					startup.apply(name) / startup.apply(anchor), startupCpu.apply(name),
					startupCpu.apply(name) / startupCpu.apply(anchor),
					bootStartedMs.containsKey(name)
							? String.format(Locale.ROOT, "%.0f", median(bootStartedMs.get(name))) : "-",
					rss.apply(name), rss.apply(name) - rss.apply(anchor), rssAfterLoad.get(name), addedJars.get(name),
					median(loads.get(name), (l) -> l.logBytesPerRequest)));
		}
		print("");
		print("Apps' output and wrk's reports: " + this.out.toAbsolutePath());
	}

	/** The table cells {@code " | <ratio>"} of a measure against each reference. */
	private static String ratios(Function<String, Double> measure, String name, List<String> references) {
		StringBuilder cells = new StringBuilder();
		for (String reference : references) {
			cells.append(String.format(Locale.ROOT, " | %.2f", measure.apply(name) / measure.apply(reference)));
		}
		return cells.toString();
	}

	private int basePort() {
		return intOption("port", 23100);
	}

	private Variant variant(String name) {
		List<String> jvmArgs = new ArrayList<>();
		for (String arg : option("jvm-args", "").split(" ")) {
			if (!arg.isBlank()) {
				jvmArgs.add(arg.replace("{variant}", name));
			}
		}
		List<String> appArgs = new ArrayList<>();
		Path jar = this.jars.resolve("http-overhead-" + name + ".jar");
		Path agent = null;
		switch (name) {
			case "bare", "hand-assembled" -> {
			}
			case "starter" -> starterArgs(appArgs);
			case "hand-assembled-access" -> {
				// The hand-assembled app with a hand-written access line of its own.
				jar = this.jars.resolve("http-overhead-hand-assembled.jar");
				appArgs.add("--hello.access-line=true");
			}
			case "otel-agent" -> {
				jar = this.jars.resolve("http-overhead-bare.jar");
				agent = this.jars.resolve("opentelemetry-javaagent.jar");
				jvmArgs.add("-javaagent:" + agent.toAbsolutePath());
				jvmArgs.add("-Dotel.traces.exporter=none");
				jvmArgs.add("-Dotel.metrics.exporter=none");
				jvmArgs.add("-Dotel.logs.exporter=none");
			}
			default -> {
				// Another build of the starter (e.g. 'starter-main'), run the same way.
				if (!name.startsWith("starter-")) {
					throw new IllegalArgumentException("Unknown variant '" + name + "'");
				}
				starterArgs(appArgs);
			}
		}
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + ": build with scripts/http-overhead.sh");
		}
		return new Variant(name, jar, agent, jvmArgs, appArgs);
	}

	private void starterArgs(List<String> appArgs) {
		// Iggy not running: point the job log shipping at a port nothing listens on.
		appArgs.add("--fetchbox.telemetry.iggy.address=127.0.0.1:" + option("closed-port", "23999"));
	}

	private App start(Variant variant, int port, String phase) throws Exception {
		List<String> command = new ArrayList<>(List.of("taskset", "-c", option("app-cpu", "0"), "java"));
		command.addAll(variant.jvmArgs);
		command.add("-jar");
		command.add(variant.jar.toAbsolutePath().toString());
		command.add("--server.port=" + port);
		command.addAll(variant.appArgs);
		Path log = this.out.resolve(variant.name + "-" + phase + ".log");
		long startedAt = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.running.add(process);
		AppOutputDrain output = AppOutputDrain.start(process, log, intOption("log-keep-mb", 16) * 1024L * 1024L);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = startedAt + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(variant.name + " exited with " + process.exitValue() + ", see " + log);
			}
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					double firstOk = (System.nanoTime() - startedAt) / 1e6;
					double cpuMillis = cpuTicks(process)[0] * 1000.0 / this.clockTicks;
					return new App(variant, port, process, log, output, firstOk, cpuMillis);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException(variant.name + " did not answer within 120 s, see " + log);
	}

	private Load load(App app, int seconds) throws Exception {
		long[] cpuBefore = cpuTicks(app.process);
		long logBytesBefore = app.output.bytes();
		String wrk = exec("taskset", "-c", option("load-cpu", "1"), "wrk", "-t1", "-c" + option("connections", "16"),
				"-d" + seconds + "s", "--latency", "http://127.0.0.1:" + app.port + "/hello");
		long[] cpuAfter = cpuTicks(app.process);
		long logBytes = app.output.bytes() - logBytesBefore;
		Files.writeString(this.out.resolve(app.variant.name + "-wrk.txt"), wrk + "\n",
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		Matcher requests = WRK_REQUESTS.matcher(wrk);
		Matcher p99 = WRK_P99.matcher(wrk);
		if (!requests.find() || !p99.find()) {
			throw new IllegalStateException("Unexpected wrk output:\n" + wrk);
		}
		long served = Long.parseLong(requests.group(1));
		double elapsed = Double.parseDouble(requests.group(2)) * unitSeconds(requests.group(3));
		Matcher errors = WRK_ERRORS.matcher(wrk);
		Matcher socketErrors = WRK_SOCKET_ERRORS.matcher(wrk);
		if (socketErrors.find()) {
			log("%s socket errors: %s", app.variant.name, socketErrors.group(1));
		}
		double cpuMicros = (cpuAfter[0] - cpuBefore[0]) * 1e6 / this.clockTicks;
		double cpuMicrosWithoutJit = (cpuAfter[1] - cpuBefore[1]) * 1e6 / this.clockTicks;
		return new Load(served, cpuMicros / served, cpuMicrosWithoutJit / served, served / elapsed,
				Double.parseDouble(p99.group(1)) * unitSeconds(p99.group(2)) * 1000,
				errors.find() ? Long.parseLong(errors.group(1)) : 0, (double) logBytes / served);
	}

	private static double unitSeconds(String unit) {
		return switch (unit) {
			case "us" -> 1e-6;
			case "ms" -> 1e-3;
			case "s" -> 1;
			case "m" -> 60;
			default -> throw new IllegalArgumentException("Unknown wrk unit " + unit);
		};
	}

	/**
	 * User + system CPU time of the process, in clock ticks ({@code man 5 proc}): all of
	 * it, and without the JIT compiler threads.
	 */
	private long[] cpuTicks(Process process) throws IOException {
		long total = ticks(Path.of("/proc/" + process.pid() + "/stat"));
		long compilers = 0;
		try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
			for (Path task : tasks.toList()) {
				Path stat = task.resolve("stat");
				try {
					String content = Files.readString(stat);
					String name = content.substring(content.indexOf('(') + 1, content.lastIndexOf(')'));
					if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
						compilers += ticks(stat);
					}
				}
				catch (IOException ex) {
					// the thread ended
				}
			}
		}
		return new long[] { total, total - compilers };
	}

	private static long ticks(Path stat) throws IOException {
		String content = Files.readString(stat);
		String[] fields = content.substring(content.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state): utime is field 14, stime field 15
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private double rssMb(Process process) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		throw new IllegalStateException("No VmRSS for " + process.pid());
	}

	private static Double bootStartedMillis(Path log) throws IOException {
		Matcher matcher = STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
		return matcher.find() ? Double.parseDouble(matcher.group(1)) * 1000 : null;
	}

	/**
	 * Jars in each variant's {@code BOOT-INF/lib} that the first variant does not have,
	 * plus its agent.
	 */
	private Map<String, String> addedJars(List<Variant> variants) throws IOException {
		Map<String, Long> anchor = libraries(variants.get(0).jar);
		Map<String, String> added = new LinkedHashMap<>();
		for (Variant variant : variants) {
			Map<String, Long> libraries = libraries(variant.jar);
			long bytes = 0;
			int files = 0;
			List<String> names = new ArrayList<>();
			for (Map.Entry<String, Long> library : libraries.entrySet()) {
				if (!anchor.containsKey(library.getKey())) {
					bytes += library.getValue();
					files++;
					names.add(library.getKey() + " " + library.getValue() / 1024 + " KB");
				}
			}
			if (variant.agent != null) {
				bytes += Files.size(variant.agent);
				files++;
				names.add(variant.agent.getFileName() + " " + Files.size(variant.agent) / 1024 + " KB");
			}
			Files.write(this.out.resolve(variant.name + "-added-jars.txt"), names);
			added.put(variant.name, String.format(Locale.ROOT, "%.1f (%d)", bytes / 1048576.0, files));
		}
		return added;
	}

	private static Map<String, Long> libraries(Path jar) throws IOException {
		Map<String, Long> libraries = new TreeMap<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")
						&& !entry.getName().contains("http-overhead-")) {
					libraries.put(entry.getName().substring("BOOT-INF/lib/".length()), entry.getSize());
				}
			}
		}
		return libraries;
	}

	private void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
		this.running.remove(process);
	}

	private void stopAll() {
		for (Process process : new ArrayList<>(this.running)) {
			try {
				stop(process);
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	private static <T> List<T> rotate(List<T> list, int by) {
		List<T> rotated = new ArrayList<>(list);
		Collections.rotate(rotated, -(by % list.size()));
		return rotated;
	}

	private static <T> double median(List<T> values, java.util.function.ToDoubleFunction<T> value) {
		List<Double> numbers = new ArrayList<>();
		for (T item : values) {
			numbers.add(value.applyAsDouble(item));
		}
		return median(numbers);
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double last(List<Double> values) {
		return values.get(values.size() - 1);
	}

	private static String exec(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	private void print(String line) {
		System.out.println(line);
		this.report.println(line);
	}

	private static void log(String format, Object... args) {
		System.err.println(String.format(Locale.ROOT, format, args));
	}

	private record Variant(String name, Path jar, Path agent, List<String> jvmArgs, List<String> appArgs) {
	}

	private record App(Variant variant, int port, Process process, Path log, AppOutputDrain output,
			double firstOkMillis, double startupCpuMillis) {
	}

	private record Load(long requests, double cpuMicrosPerRequest, double cpuMicrosWithoutJitPerRequest,
			double requestsPerSecond, double p99Millis, long errors, double logBytesPerRequest) {
	}

}
