package org.rnnkit.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.recipes.CommandLineEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnnkit} command line: {@code rnnkit <task> train|eval|predict}.
 *
 * <p>Every subcommand inherits {@code --help} and {@code --version}; help texts live in the
 * resource bundle {@code org/rnnkit/cli/rnnkit.properties}, beside the code that declares the
 * flags.
 *
 * <p>Exit codes: 0 success, 1 unexpected failure, 2 bad usage or bad input (malformed data, missing
 * file, foreign or corrupt model bundle, invalid option value).
 */
@Command(
        name = "rnnkit",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = RnnkitCli.Version.class,
        resourceBundle = "org.rnnkit.cli.rnnkit",
        subcommands = {
            SentimentCommand.class,
            PostagCommand.class,
            ForecastCommand.class,
            TranslateCommand.class,
            CaptionCommand.class,
            TextGenerationCommand.class,
            EmbeddingsCommand.class,
            ExerciseCommand.class,
            ServeCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RnnkitCli implements Runnable {

    /** Exit code for bad usage or bad input. */
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /**
     * Runs the command line with the given output streams (for tests and embedding).
     *
     * @param out where results go, or {@code null} for standard output
     * @param err where errors go, or {@code null} for standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new RnnkitCli());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(RnnkitCli::handle);
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing task: choose one of " + spec.subcommands().keySet());
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof MalformedDataException
                || e instanceof BundleFormatException
                || e instanceof IllegalArgumentException
                || e instanceof UnsupportedOperationException
                || e instanceof IllegalStateException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof NoSuchFileException nsf) {
            err.println(
                    "error: file not found: "
                            + nsf.getFile()
                            + (nsf.getReason() != null ? " (" + nsf.getReason() + ")" : ""));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof java.io.IOException) {
            err.println("error: " + e);
            err.flush();
            return 1;
        }
        err.println("error: unexpected failure, please report it with the trace below");
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * The command line as the recipe and exercise {@code main} methods find it ({@link
     * CommandLineEntry}, registered in {@code META-INF/services}), so that they parse their
     * arguments with the same commands and exit with the same codes as {@code rnnkit}.
     */
    public static final class Entry implements CommandLineEntry {

        /** Creates the entry (for {@link java.util.ServiceLoader}). */
        public Entry() {}

        @Override
        public int execute(String... args) {
            return RnnkitCli.execute(args);
        }
    }

    /** Prints rnnkit's and DL4J's versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "rnnkit "
                        + Provenance.currentRnnkitVersion()
                        + " (Deeplearning4j "
                        + Provenance.currentDl4jVersion()
                        + ", Java "
                        + System.getProperty("java.version")
                        + ")"
            };
        }
    }
}
