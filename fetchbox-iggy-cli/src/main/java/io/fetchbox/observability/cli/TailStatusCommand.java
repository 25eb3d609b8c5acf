package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobMessage;
import io.fetchbox.observability.tail.TailListener;
import io.fetchbox.observability.tail.TailRequest;
import io.fetchbox.observability.tail.TailStart;

/**
 * {@code tail-status}: print one job's status updates from {@code jobs.status}.
 *
 * @since 0.1.0
 */
@Command(name = "tail-status", sortOptions = false, mixinStandardHelpOptions = true,
		description = { "Print one job's status updates from the jobs.status topic, oldest first; the last line is "
				+ "the job's current state." },
		footer = { "", "Example:", "  fetchbox-iggy-cli tail-status --job-id 7f3c --follow", "",
				"Exit codes: 0 ok, 1 usage, 2 connection or authentication, 3 stream/topic not found or "
						+ "(without --follow) no status for the job." })
final class TailStatusCommand implements Callable<Integer> {

	private static final JsonFormat.Printer JSON = JsonFormat.printer()
		.omittingInsignificantWhitespace()
		.preservingProtoFieldNames();

	@Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job whose status to print.")
	String jobId;

	@Option(names = { "-f", "--follow" }, description = "Keep printing new updates as they arrive (Ctrl-C to stop).")
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
		return TailRun.run(this.connection, this.topic, this.jobId, this.follow, err,
				(tailer, iggy) -> tailer.tail(request, new TailListener() {

					@Override
					public void onMessage(JobMessage message) throws InvalidProtocolBufferException {
						JobStatus status = decode(message.payload());
						if (status != null) {
							out.println((TailStatusCommand.this.output == OutputFormat.json) ? JSON.print(status)
									: pretty(status, message));
						}
					}

					@Override
					public void onRetry(Throwable error) {
						err.println(TailRun.retryWarning(iggy, error));
					}

				}));
	}

	private static String pretty(JobStatus status, JobMessage message) {
		Instant time = (status.getTimestampMs() > 0) ? Instant.ofEpochMilli(status.getTimestampMs())
				: Instant.EPOCH.plusNanos(message.timestampMicros() * 1000);
		StringBuilder line = new StringBuilder(120).append(JobLogJson.TIMESTAMP.format(time)).append(' ');
		line.append((status.getState() == JobState.UNRECOGNIZED) ? "UNKNOWN"
				: status.getState().name().substring("JOB_STATE_".length()));
		line.append(" completed=")
			.append(status.getResourcesCompleted())
			.append('/')
			.append(status.getResourcesTotal())
			.append(" failed=")
			.append(status.getResourcesFailed());
		if (!status.getLastErrorCode().isEmpty() || !status.getLastErrorMessage().isEmpty()) {
			line.append(" last_error=")
				.append(PrettyLine.escape(status.getLastErrorCode()))
				.append(": ")
				.append(PrettyLine.escape(status.getLastErrorMessage()));
		}
		return line.toString();
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
