package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.JobLogTailListener;
import io.fetchbox.observability.tail.TailStart;
import io.fetchbox.observability.tail.TailedJobLog;

/**
 * {@code tail-logs}: print one job's records from {@code jobs.logs}.
 *
 * @since 0.1.0
 */
@Command(name = "tail-logs", sortOptions = false, mixinStandardHelpOptions = true, description = {
		"Print one job's log records from the jobs.logs topic, ordered by their timestamp within what was read: "
				+ "records wait until the tail has caught up (at most 10000 of them), then are printed sorted; "
				+ "with --follow, a record arriving after a later one was printed is printed when it arrives.",
		"Reads only the job's partition (chosen by the job id, as the broker does) and skips other jobs' records.",
		"Records re-sent by a producer (same seq) are printed once." },
		footer = { "", "Examples:", "  fetchbox-iggy-cli tail-logs --job-id 7f3c --follow --level WARN",
				"  IGGY_ADDRESS=iggy:8090 fetchbox-iggy-cli tail-logs --job-id 7f3c --since 10m -o json", "",
				"Exit codes: 0 ok, 1 usage, 2 connection or authentication, 3 stream/topic not found or "
						+ "(without --follow) no records for the job, 130 --follow stopped with Ctrl-C." })
final class TailLogsCommand implements Callable<Integer> {

	@Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job whose records to print.")
	String jobId;

	@Option(names = { "-f", "--follow" }, description = "Keep printing new records as they arrive (Ctrl-C to stop).")
	boolean follow;

	@Option(names = "--level", paramLabel = "LEVEL", defaultValue = "TRACE", converter = LevelConverter.class,
			description = "Minimum level: TRACE, DEBUG, INFO, WARN, ERROR. Default: all.")
	LogLevel level;

	@ArgGroup(exclusive = true)
	@Nullable Start start;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "pretty",
			description = "pretty (one line per record, coloured on a terminal) or json (one JSON object per line). "
					+ "Default: ${DEFAULT-VALUE}.")
	OutputFormat output;

	@Option(names = "--no-color", description = "Never colour the output (it is off anyway when not a terminal).")
	boolean noColor;

	@Option(names = "--topic", paramLabel = "NAME", defaultValue = "jobs.logs",
			description = "Logs topic. Default: ${DEFAULT-VALUE}.")
	String topic;

	@Mixin
	ConnectionOptions connection;

	@Spec
	CommandSpec spec;

	static final class Start {

		@Option(names = "--since", paramLabel = "WHEN", converter = SinceConverter.class,
				description = "Only records appended in the last WHEN (10m, 2h, 1d) or since an ISO-8601 instant.")
		@Nullable Instant since;

		@Option(names = "--from-beginning", description = "Start at the job's first record (the default).")
		boolean fromBeginning;

	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Ansi ansi = (this.output == OutputFormat.pretty) ? Ansi.forStdout(this.noColor) : Ansi.off();
		TailStart from = (this.start != null && this.start.since != null) ? TailStart.since(this.start.since)
				: TailStart.beginning();
		ReorderWindow<TailedJobLog> window = new ReorderWindow<>(ReorderWindow.CAPACITY,
				Comparator.comparing(TailedJobLog::timestamp).thenComparingLong(TailedJobLog::offset),
				(record) -> out.println(
						(this.output == OutputFormat.json) ? JobLogJson.render(record) : PrettyLine.of(record, ansi)));
		return TailRun.run(this.connection, this.topic, this.jobId, this.follow, err,
				(tailer, iggy) -> new JobLogTail(tailer, this.topic).tail(this.jobId, from, this.follow, this.level,
						new JobLogTailListener() {

							@Override
							public void onRecord(TailedJobLog record) {
								window.add(record);
							}

							@Override
							public void onIdle() {
								window.flush();
								out.flush();
							}

							@Override
							public void onRetry(Throwable error) {
								err.println(TailRun.retryWarning(iggy, error));
							}

							@Override
							public void onEnd(@Nullable Throwable error) {
								window.flush();
								out.flush();
							}

						}));
	}

}
