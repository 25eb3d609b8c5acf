package io.fetchbox.observability.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * {@code fetchbox-iggy-cli}: operator commands against the FetchBox Iggy topics.
 *
 * @since 0.1.0
 */
@Command(name = "fetchbox-iggy-cli", mixinStandardHelpOptions = true, versionProvider = FetchboxIggyCli.Version.class,
		subcommands = { TailLogsCommand.class, TailStatusCommand.class, PublishTaskCommand.class },
		description = {
				"Operator commands for the FetchBox Iggy topics: tail a job's logs or status, publish a task." },
		footer = { "", "Connection: --address/--username/--password, or IGGY_ADDRESS, IGGY_USERNAME, IGGY_PASSWORD.",
				"Exit codes: 0 ok, 1 usage, 2 connection or authentication, 3 not found, 130 --follow stopped with "
						+ "Ctrl-C.",
				"Run 'fetchbox-iggy-cli COMMAND --help' for a command's options." })
public final class FetchboxIggyCli implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"a command is required (tail-logs, tail-status, " + "publish-task)");
	}

	/**
	 * Entry point.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(execute(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
				new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
	}

	/**
	 * Run a command line.
	 * @param args the arguments
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code
	 */
	static int execute(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new FetchboxIggyCli());
		cli.setOut(out);
		cli.setErr(err);
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		cli.setParameterExceptionHandler((ex, arguments) -> {
			String command = ex.getCommandLine().getCommandSpec().qualifiedName();
			String message = IggyConnection.oneLine(String.valueOf(ex.getMessage())).replaceFirst("^Error: ", "");
			err.println("error: " + message + " (see '" + command + " --help')");
			return CliException.USAGE;
		});
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			if (ex instanceof CliException failure) {
				err.println("error: " + failure.getMessage());
				return failure.exitCode();
			}
			err.println("error: " + ex.getClass().getSimpleName() + ": "
					+ IggyConnection.oneLine(String.valueOf(ex.getMessage())));
			return CliException.USAGE;
		});
		return cli.execute(args);
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = FetchboxIggyCli.class.getPackage().getImplementationVersion();
			return new String[] { "fetchbox-iggy-cli " + ((version != null) ? version : "development build") };
		}

	}

}
