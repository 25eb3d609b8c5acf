package io.fetchbox.observability.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;

import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.TailSession;
import io.fetchbox.observability.tail.TailSettings;
import io.fetchbox.observability.tail.iggy.IggyTopicReader;

/**
 * Runs a tail from a command: opens the connection, starts the session, stops it on
 * Ctrl-C, waits for it and turns its outcome into an exit code.
 *
 * @since 0.1.0
 */
final class TailRun {

	private TailRun() {
	}

	static int run(ConnectionOptions options, String topic, String jobId, boolean follow, PrintWriter err,
			BiFunction<JobTailer, IggyConnection, TailSession> start) {
		try (IggyConnection connection = options.open();
				JobTailer tailer = new JobTailer(new IggyTopicReader(connection, options.stream),
						TailSettings.DEFAULTS)) {
			TailSession session = start.apply(tailer, connection);
			Thread stopper = new Thread(session::stop, "fetchbox-iggy-cli-stop");
			Runtime.getRuntime().addShutdownHook(stopper);
			try {
				session.completion().get();
			}
			catch (ExecutionException | CompletionException ex) {
				throw connection.translate("pollMessages", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 130;
			}
			finally {
				removeHook(stopper);
			}
			if (session.jobMessages() == 0 && !follow) {
				throw new CliException(CliException.NOT_FOUND,
						"no records for job '" + jobId + "' in " + options.stream + "/" + topic);
			}
			err.flush();
			return 0;
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down (Ctrl-C): the hook is running.
		}
	}

	static String retryWarning(IggyConnection connection, Throwable error) {
		return "warning: " + connection.translate("pollMessages", error).getMessage() + "; retrying";
	}

}
