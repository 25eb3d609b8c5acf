package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.messages.JobProgress;
import io.fetchbox.observability.messages.JobState;
import io.fetchbox.observability.messages.JobStatus;
import io.fetchbox.observability.tail.JobLogJson;
import io.fetchbox.observability.tail.JobMessage;

/**
 * The pretty output of {@code tail-status}: one line per status message in event-time
 * order (within what was read) with the resource, its outcome and the job's running
 * totals, then a summary line with the job's state, totals and last error, folded in
 * topic order as the job ledger folds them ({@link JobProgress}).
 *
 * @since 0.1.0
 */
final class StatusReport {

	private final String jobId;

	private final PrintWriter out;

	private final JobProgress shown = new JobProgress();

	private final JobProgress ledgerOrder = new JobProgress();

	private final ReorderWindow<Update> window;

	private boolean unsummarised;

	StatusReport(String jobId, PrintWriter out) {
		this.jobId = jobId;
		this.out = out;
		this.window = new ReorderWindow<>(ReorderWindow.CAPACITY,
				Comparator.comparing(Update::time).thenComparingLong(Update::offset), this::print);
	}

	/**
	 * A status message was read (in topic order).
	 */
	synchronized void read(JobStatus status, JobMessage message) {
		String resourceId = message.resourceId();
		this.ledgerOrder.apply(status, resourceId);
		this.window.add(new Update(status, resourceId, time(status, message), message.offset()));
		this.unsummarised = true;
	}

	/**
	 * The tail caught up or ended: print what is held, in order, then the summary.
	 */
	synchronized void caughtUp() {
		this.window.flush();
		if (this.unsummarised) {
			this.unsummarised = false;
			this.out.println(summary(this.jobId, this.ledgerOrder));
		}
		this.out.flush();
	}

	private void print(Update update) {
		JobProgress.Change change = this.shown.apply(update.status(), update.resourceId());
		StringBuilder line = new StringBuilder(160).append(JobLogJson.TIMESTAMP.format(update.time())).append(' ');
		if (update.resourceId() == null || update.resourceId().isEmpty()) {
			line.append("job ")
				.append((update.status().getState() == JobState.JOB_STATE_QUEUED) ? "queued" : name(update.status()))
				.append(' ');
		}
		else {
			line.append("resource=").append(PrettyLine.escape(update.resourceId())).append(' ');
			JobProgress.ResourceOutcome outcome = JobProgress.ResourceOutcome.of(update.status());
			line.append(outcome.name().toLowerCase(Locale.ROOT)).append(' ');
			if (outcome == JobProgress.ResourceOutcome.FAILED) {
				line.append(error(update.status().getLastErrorCode(), update.status().getLastErrorMessage()))
					.append(' ');
			}
			if (change == JobProgress.Change.DUPLICATE) {
				line.append("(duplicate, not counted) ");
			}
		}
		line.append("-> ");
		totals(line, this.shown);
		this.out.println(line);
	}

	static String summary(String jobId, JobProgress progress) {
		StringBuilder line = new StringBuilder(160).append("job ").append(PrettyLine.escape(jobId)).append(' ');
		totals(line, progress);
		if (!progress.lastErrorCode().isEmpty() || !progress.lastErrorMessage().isEmpty()) {
			line.append(" last_error=").append(error(progress.lastErrorCode(), progress.lastErrorMessage()));
		}
		return line.toString();
	}

	private static void totals(StringBuilder line, JobProgress progress) {
		line.append(stateName(progress.state()))
			.append(" completed=")
			.append(progress.completed())
			.append(" failed=")
			.append(progress.failed())
			.append(" total=")
			.append((progress.total() > 0) ? Integer.toString(progress.total()) : "?");
	}

	private static String error(String code, String message) {
		return PrettyLine.escape(code) + ": " + PrettyLine.escape(message);
	}

	private static String name(JobStatus status) {
		return stateName(status.getState()).toLowerCase(Locale.ROOT);
	}

	static String stateName(JobState state) {
		return (state == JobState.UNRECOGNIZED) ? "UNKNOWN" : state.name().substring("JOB_STATE_".length());
	}

	private static Instant time(JobStatus status, JobMessage message) {
		return (status.getTimestampMs() > 0) ? Instant.ofEpochMilli(status.getTimestampMs())
				: Instant.EPOCH.plusNanos(message.timestampMicros() * 1000);
	}

	private record Update(JobStatus status, @Nullable String resourceId, Instant time, long offset) {
	}

}
