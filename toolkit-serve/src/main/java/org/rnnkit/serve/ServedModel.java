package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.recipes.ServeOptions;

/**
 * One loaded bundle behind {@code POST /v1/models/{name}/predict}: it reads its task's request
 * body, queues the inputs on its {@link DynamicBatcher} (the only thread that touches the network)
 * and writes the answer.
 *
 * @param <I> one input of the task
 * @param <O> one output
 */
abstract class ServedModel<I, O> implements AutoCloseable {

    private final String name;
    private final String task;
    private final JsonNode provenance;
    private final DynamicBatcher<I, O> batcher;
    private final ServeOptions options;

    ServedModel(
            String name,
            String task,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        this.name = Objects.requireNonNull(name, "name");
        this.task = Objects.requireNonNull(task, "task");
        this.provenance = provenance;
        this.options = options;
        this.batcher =
                new DynamicBatcher<>(
                        name,
                        this::forward,
                        options.maxBatchSize(),
                        options.maxWaitMillis(),
                        options.queueCapacity(),
                        registry);
    }

    String name() {
        return name;
    }

    String task() {
        return task;
    }

    JsonNode provenance() {
        return provenance;
    }

    /** Runs the network on a batch; called on the worker thread only. */
    abstract List<O> forward(Object key, List<I> inputs) throws Exception;

    /** Reads the request, predicts, and returns the answer's JSON. */
    abstract ObjectNode predict(Context ctx, RequestReader reader) throws Exception;

    /**
     * Queues inputs and waits for their outputs.
     *
     * @param key batch key (requests with equal keys share forward passes)
     * @param inputs the inputs
     * @param field the request field the inputs came from, named when the model rejects one
     * @return the outputs, in order
     */
    List<O> run(Object key, List<I> inputs, String field) {
        CompletableFuture<List<O>> future = batcher.submit(key, inputs);
        try {
            return future.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RequestException(
                    503, null, "no answer within " + options.timeoutMillis() + " ms", 1);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new RequestException(503, null, "interrupted while waiting for the model", 1);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RequestException r) {
                throw r;
            }
            if (cause instanceof IllegalArgumentException
                    || cause instanceof MalformedDataException) {
                throw RequestException.badField(field, cause.getMessage());
            }
            throw new IllegalStateException("model " + name + " failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        batcher.close();
    }
}
