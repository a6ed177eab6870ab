package org.rnnkit.recipes;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@code rnnkit serve}: which bundles to serve, where to listen, and the limits
 * that keep one client from taking the server down.
 *
 * @param models the bundles, each {@code PATH} or {@code NAME=PATH} (the name defaults to the file
 *     name without {@code .zip})
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the port, 0 for any free one
 * @param maxBatchSize the most inputs gathered into one forward pass
 * @param maxWaitMillis how long the first request of a batch waits for others, in milliseconds
 * @param queueCapacity the most requests waiting per model; more are answered 503
 * @param maxBodyBytes the largest request body accepted
 * @param maxInputs the most inputs (texts, sentences, images, ...) in one request
 * @param maxInputLength the longest input text, in characters
 * @param timeoutMillis how long a request may wait for its answer, in milliseconds
 * @param runs the directory whose training runs the dashboard at {@code /} lists, or {@code null}
 *     for none
 */
public record ServeOptions(
        List<String> models,
        String host,
        int port,
        int maxBatchSize,
        int maxWaitMillis,
        int queueCapacity,
        int maxBodyBytes,
        int maxInputs,
        int maxInputLength,
        int timeoutMillis,
        Path runs) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range, or when there is
     *     neither a model nor a runs directory
     * @throws NullPointerException when {@code models} or {@code host} is null
     */
    public ServeOptions {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        Objects.requireNonNull(host, "host");
        Recipes.require(
                !models.isEmpty() || runs != null,
                "serve needs at least one --model (or a --runs directory), received: none");
        Recipes.require(
                port >= 0 && port <= 65535, "port must be in [0, 65535], received: port=" + port);
        Recipes.require(
                maxBatchSize >= 1,
                "maxBatchSize must be >= 1, received: maxBatchSize=" + maxBatchSize);
        Recipes.require(
                maxWaitMillis >= 0,
                "maxWaitMillis must be >= 0, received: maxWaitMillis=" + maxWaitMillis);
        Recipes.require(
                queueCapacity >= 1,
                "queueCapacity must be >= 1, received: queueCapacity=" + queueCapacity);
        Recipes.require(
                maxBodyBytes >= 1024,
                "maxBodyBytes must be >= 1024, received: maxBodyBytes=" + maxBodyBytes);
        Recipes.require(maxInputs >= 1, "maxInputs must be >= 1, received: maxInputs=" + maxInputs);
        Recipes.require(
                maxInputLength >= 1,
                "maxInputLength must be >= 1, received: maxInputLength=" + maxInputLength);
        Recipes.require(
                timeoutMillis >= 1,
                "timeoutMillis must be >= 1, received: timeoutMillis=" + timeoutMillis);
    }

    /**
     * Creates the settings without a runs directory (the form before the dashboard existed).
     *
     * @param models the bundles, each {@code PATH} or {@code NAME=PATH}
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param maxBatchSize the most inputs gathered into one forward pass
     * @param maxWaitMillis how long the first request of a batch waits for others, in milliseconds
     * @param queueCapacity the most requests waiting per model
     * @param maxBodyBytes the largest request body accepted
     * @param maxInputs the most inputs in one request
     * @param maxInputLength the longest input text, in characters
     * @param timeoutMillis how long a request may wait for its answer, in milliseconds
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public ServeOptions(
            List<String> models,
            String host,
            int port,
            int maxBatchSize,
            int maxWaitMillis,
            int queueCapacity,
            int maxBodyBytes,
            int maxInputs,
            int maxInputLength,
            int timeoutMillis) {
        this(
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
                null);
    }

    /**
     * Returns these settings with a runs directory for the dashboard.
     *
     * @param directory the directory searched for training runs, or {@code null} for none
     * @return the options
     */
    public ServeOptions withRuns(Path directory) {
        return new ServeOptions(
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
                directory);
    }

    /**
     * Returns the defaults for the given bundles: loopback on port 8080, batches of up to 64 inputs
     * gathered for at most 5 ms, 256 waiting requests per model, 10 MiB bodies, 256 inputs of at
     * most 20,000 characters per request, 30 s per request.
     *
     * @param models the bundles, each {@code PATH} or {@code NAME=PATH}
     * @return the options
     */
    public static ServeOptions defaults(List<String> models) {
        return new ServeOptions(
                models, "127.0.0.1", 8080, 64, 5, 256, 10 * 1024 * 1024, 256, 20_000, 30_000, null);
    }
}
