package org.rnnkit.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import org.rnnkit.exercises.ParameterCount;
import org.rnnkit.model.CellType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit exercise parameter-count}. */
@Command(name = "parameter-count")
final class ParameterCountCommand extends Exercise {
    @Option(
            names = {"--inputs", "-d"},
            paramLabel = "D")
    Integer inputs;

    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]")
    List<Integer> hidden;

    @Option(names = "--layers", paramLabel = "L")
    Integer layers;

    @Option(
            names = {"--outputs", "-k"},
            paramLabel = "K")
    Integer outputs;

    @Option(names = "--cell", paramLabel = "rnn|lstm|gru")
    String cell;

    @Option(names = "--bidirectional")
    boolean bidirectional;

    @Override
    void run(PrintWriter out) {
        if (inputs == null
                && hidden == null
                && layers == null
                && outputs == null
                && cell == null
                && !bidirectional) {
            out.print(
                    ParameterCount.table(
                            ParameterCount.examples().stream()
                                    .map(ParameterCount::count)
                                    .toList()));
            return;
        }
        out.print(ParameterCount.report(ParameterCount.count(spec())));
    }

    private ParameterCount.Spec spec() {
        if (layers != null && layers < 1) {
            throw new IllegalArgumentException(
                    "--layers must be >= 1, received: --layers=" + layers);
        }
        List<Integer> sizes = hidden != null ? hidden : List.of(5);
        if (layers != null && sizes.size() == 1) {
            sizes = Collections.nCopies(layers, sizes.get(0));
        } else if (layers != null && sizes.size() != layers) {
            throw new IllegalArgumentException(
                    "--layers must match the number of --hidden sizes, received: --layers="
                            + layers
                            + ", --hidden="
                            + sizes);
        }
        return new ParameterCount.Spec(
                cell == null ? CellType.SIMPLE : CellType.parse(cell),
                inputs != null ? inputs : 4,
                sizes,
                bidirectional,
                outputs != null ? outputs : 3);
    }
}
