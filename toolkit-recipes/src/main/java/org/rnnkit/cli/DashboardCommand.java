package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rnnkit dashboard --runs DIR [--host H] [--port P]}: the training dashboard without a
 * model; the page lists the runs under {@code DIR} (every directory with a {@code metrics.jsonl})
 * and redraws their curves while they train. It is {@code rnnkit serve}'s server with no bundle.
 */
@Command(name = "dashboard")
final class DashboardCommand implements Callable<Integer> {

    private static final ServeOptions DEFAULTS = ServeOptions.defaults(List.of("unused"));

    @Option(names = "--runs", required = true, paramLabel = "DIR")
    Path runs;

    @Option(names = "--host", paramLabel = "ADDRESS")
    String host = DEFAULTS.host();

    @Option(names = "--port", paramLabel = "N")
    int port = DEFAULTS.port();

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(runs)) {
            throw new IllegalArgumentException(
                    "--runs must be a directory, received: --runs=" + runs);
        }
        // serve without a model, its limits at their defaults
        ServeCommand serve = new ServeCommand();
        serve.models = List.of();
        serve.host = host;
        serve.port = port;
        serve.runs = runs;
        return serve.call();
    }
}
