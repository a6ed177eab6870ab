package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.ModelServing;
import org.rnnkit.recipes.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rnnkit serve --model A.zip [--model B.zip ...] [--host H] [--port P]}: the models behind
 * an HTTP endpoint, and the dashboard at {@code /} (with {@code --runs DIR}, the training runs
 * under it). The server lives in {@code toolkit-serve}, found through {@link ModelServing} so that
 * the command line does not depend on it.
 */
@Command(name = "serve")
final class ServeCommand implements Callable<Integer> {

    private static final ServeOptions DEFAULTS = ServeOptions.defaults(List.of("unused"));

    @Option(names = "--model", required = true, paramLabel = "[NAME=]BUNDLE.zip")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS")
    String host = DEFAULTS.host();

    @Option(names = "--port", paramLabel = "N")
    int port = DEFAULTS.port();

    @Option(names = "--max-batch", paramLabel = "N")
    int maxBatchSize = DEFAULTS.maxBatchSize();

    @Option(names = "--max-wait-ms", paramLabel = "MS")
    int maxWaitMillis = DEFAULTS.maxWaitMillis();

    @Option(names = "--queue", paramLabel = "N")
    int queueCapacity = DEFAULTS.queueCapacity();

    @Option(names = "--max-body-bytes", paramLabel = "N")
    int maxBodyBytes = DEFAULTS.maxBodyBytes();

    @Option(names = "--max-inputs", paramLabel = "N")
    int maxInputs = DEFAULTS.maxInputs();

    @Option(names = "--max-input-length", paramLabel = "N")
    int maxInputLength = DEFAULTS.maxInputLength();

    @Option(names = "--timeout-ms", paramLabel = "MS")
    int timeoutMillis = DEFAULTS.timeoutMillis();

    @Option(names = "--runs", paramLabel = "DIR")
    Path runs;

    @Override
    public Integer call() throws IOException {
        ServeOptions options =
                new ServeOptions(
                        models,
                        host,
                        port,
                        maxBatchSize,
                        maxWaitMillis,
                        queueCapacity,
                        maxBodyBytes,
                        maxInputs,
                        maxInputLength,
                        timeoutMillis,
                        runs);
        ModelServing.find().serve(options);
        return 0;
    }
}
