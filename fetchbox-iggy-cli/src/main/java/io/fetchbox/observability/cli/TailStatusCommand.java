package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.tail.JobMessage;
import io.fetchbox.observability.tail.TailListener;
import io.fetchbox.observability.tail.TailRequest;
import io.fetchbox.observability.tail.TailStart;

/**
 * {@code tail-status}: print one job's status messages from {@code jobs.status} and its
 * current state.
 *
 * @since 0.1.0
 */
@Command(name = "tail-status", sortOptions = false, mixinStandardHelpOptions = true, description = {
		"Print one job's status messages from the jobs.status topic, one line each in event-time order (within what "
				+ "was read) with the resource, its outcome and the job's running totals, then a summary line: the "
				+ "job's current state, totals and last error, as the job ledger computes them.",
		"With --output json: each JobStatus message as it was appended, no summary." },
		footer = { "", "Example:", "  fetchbox-iggy-cli tail-status --job-id 7f3c --follow", "",
				"Exit codes: 0 ok, 1 usage, 2 connection or authentication, 3 stream/topic not found or "
						+ "(without --follow) no status for the job, 130 --follow stopped with Ctrl-C." })
final class TailStatusCommand implements Callable<Integer> {

	private static final JsonFormat.Printer JSON = JsonFormat.printer()
		.omittingInsignificantWhitespace()
		.preservingProtoFieldNames();

	@Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job whose status to print.")
	String jobId;

	@Option(names = { "-f", "--follow" },
			description = "Keep printing new messages as they arrive, with a summary after each batch "
					+ "(Ctrl-C to stop).")
	boolean follow;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "pretty",
			description = "pretty or json (the JobStatus message, snake_case). Default: ${DEFAULT-VALUE}.")
	OutputFormat output;

	@Option(names = "--topic", paramLabel = "NAME", defaultValue = "jobs.status",
			description = "Status topic. Default: ${DEFAULT-VALUE}.")
	String topic;

	@Mixin
	ConnectionOptions connection;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		TailRequest request = new TailRequest(this.topic, this.jobId, TailStart.beginning(), this.follow, (payload) -> {
			JobStatus status = decode(payload);
			return (status != null) ? status.getJobId() : null;
		});
		StatusReport report = (this.output == OutputFormat.pretty) ? new StatusReport(this.jobId, out) : null;
		return TailRun.run(this.connection, this.topic, this.jobId, this.follow, err,
				(tailer, iggy) -> tailer.tail(request, new TailListener() {

					@Override
					public void onMessage(JobMessage message) throws InvalidProtocolBufferException {
						JobStatus status = decode(message.payload());
						if (status == null) {
							return;
						}
						if (report != null) {
							report.read(status, message);
						}
						else {
							out.println(JSON.print(status));
						}
					}

					@Override
					public void onIdle() {
						if (report != null) {
							report.caughtUp();
						}
					}

					@Override
					public void onRetry(Throwable error) {
						err.println(TailRun.retryWarning(iggy, error));
					}

					@Override
					public void onEnd(@Nullable Throwable error) {
						if (report != null) {
							report.caughtUp();
						}
					}

				}));
	}

	private static @Nullable JobStatus decode(byte[] payload) {
		try {
			return JobStatus.parseFrom(payload);
		}
		catch (InvalidProtocolBufferException ex) {
			return null;
		}
	}

}
