package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;
import org.rnnkit.recipes.inspect.InspectionReport;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shape of every recipe's {@code inspect}: what {@code train} would read from {@code --data}
 * (and {@code --dev}), before any training. The data flags mean what they mean to {@code train}: a
 * recipe builds its options from them with {@link #training} plus its own mapping flags, exactly as
 * {@code train} does, and supplies only {@link #inspect}. Prints the text report, or the JSON with
 * {@code --json}; {@code --out DIR} also writes report.txt, report.json and the chart.
 */
abstract class InspectCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "PATH", descriptionKey = "inspect.data")
    Path data;

    @Option(names = "--dev", paramLabel = "PATH", descriptionKey = "inspect.dev")
    Path dev;

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = "inspect.out")
    Path out;

    @Option(names = "--json", descriptionKey = "inspect.json")
    boolean json;

    @Mixin TableFlags table;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Reads the data and returns the report.
     *
     * @return the report
     * @throws IOException when a file cannot be read
     */
    abstract InspectionReport inspect() throws IOException;

    /**
     * Returns a recipe's training defaults with {@code --data}, {@code --dev} and the table flags
     * applied, and malformed rows skipped (inspect counts and lists them instead of failing).
     *
     * @param defaults the recipe's training defaults
     * @return the training settings the recipe's reader is given
     */
    TrainingOptions training(TrainingOptions defaults) {
        DataFormat format = table.apply(defaults.format());
        return TrainingOptionsBuilder.builder(defaults)
                .data(data)
                .dev(dev)
                .skipBadRows(true)
                .format(format)
                .build();
    }

    /**
     * Returns the recipe's training defaults with the data flags, the table flags and the recipe's
     * column flags applied, exactly as {@code train} reads its data.
     *
     * @param defaults the recipe's training defaults
     * @param columns the recipe's column flags, applied to the data format
     * @return the training settings
     */
    TrainingOptions training(TrainingOptions defaults, UnaryOperator<DataFormat> columns) {
        TrainingOptions t = training(defaults);
        return t.withFormat(columns.apply(t.format()));
    }

    /**
     * Refuses {@code --delimiter} and {@code --no-header} for a recipe whose reader does not take a
     * {@link DataFormat} yet, as a usage error (exit status 2).
     *
     * @param task the recipe, named in the message
     * @throws CommandLine.ParameterException when either flag was given
     */
    void refuseTableFlags(String task) {
        CommandOutput.refuse(
                spec,
                table.delimiter != null || table.noHeader,
                task
                        + " inspect does not take --delimiter or --no-header: its reader has a fixed"
                        + " layout");
    }

    /**
     * Refuses a flag the recipe's inspect cannot honour, as a usage error (exit status 2).
     *
     * @param given whether the flag was given
     * @param message what was refused and why
     * @throws CommandLine.ParameterException when {@code given}
     */
    void refuse(boolean given, String message) {
        CommandOutput.refuse(spec, given, message);
    }

    @Override
    public Integer call() throws IOException {
        InspectionReport report = inspect();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? report.json() + "\n" : report.text());
        if (out != null) {
            CommandOutput.printWritten(report.write(out), json, stdout);
        }
        stdout.flush();
        return 0;
    }
}
