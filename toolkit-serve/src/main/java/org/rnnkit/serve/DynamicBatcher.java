package org.rnnkit.serve;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers concurrent requests to one model into one forward pass, on the model's own worker thread.
 *
 * <p>DL4J graphs are not thread-safe (their layers keep per-call state and workspaces), so each
 * model has exactly one thread that ever calls it: this batcher's. Request threads only enqueue
 * their inputs and wait on a future. The worker takes the oldest request, then keeps taking
 * requests with the same key (for example the beam width) until the batch holds {@code
 * maxBatchSize} inputs or {@code maxWait} has passed since it took the first; then it runs one
 * forward pass over all their inputs and hands each request its slice of the outputs. The recipes'
 * predict methods sort a batch by length before padding (as training's bucketing does), so a batch
 * of mixed lengths pads little.
 *
 * <p>The queue is bounded: when {@code queueCapacity} requests wait, {@link #submit} refuses with
 * 503 instead of letting memory grow. A forward pass that fails for a batch of several requests is
 * retried request by request, so one bad input fails only its own request.
 *
 * @param <I> one input (a text, a sentence, a picture, a series)
 * @param <O> its output
 */
final class DynamicBatcher<I, O> implements AutoCloseable {

    /** Runs the model on a batch: one output per input, in order. */
    interface Forward<I, O> {
        List<O> apply(Object key, List<I> inputs) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);

    private record Pending<I, O>(Object key, List<I> inputs, CompletableFuture<List<O>> future) {}

    private final String model;
    private final Forward<I, O> forward;
    private final int maxBatchSize;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending<I, O>> queue;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread worker;
    private final DistributionSummary batchSizes;
    private final Timer forwardTime;
    private volatile boolean running = true;

    DynamicBatcher(
            String model,
            Forward<I, O> forward,
            int maxBatchSize,
            int maxWaitMillis,
            int queueCapacity,
            MeterRegistry registry) {
        this.model = Objects.requireNonNull(model, "model");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.maxBatchSize = maxBatchSize;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSizes =
                DistributionSummary.builder("rnnkit_batch_size")
                        .description("Inputs per forward pass")
                        .tag("model", model)
                        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                        .register(registry);
        this.forwardTime =
                Timer.builder("rnnkit_forward")
                        .description("Time of one batched forward pass")
                        .tag("model", model)
                        .publishPercentileHistogram()
                        .register(registry);
        Gauge.builder("rnnkit_queue_depth", waiting, AtomicInteger::get)
                .description("Requests waiting for the model's worker")
                .tag("model", model)
                .register(registry);
        this.worker = new Thread(this::loop, "rnnkit-infer-" + model);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a request's inputs.
     *
     * @param key requests are batched only with requests of an equal key (may be null)
     * @param inputs the request's inputs, at least one
     * @return the outputs, in order, when the worker has run them
     * @throws RequestException 503 with Retry-After when the queue is full or the batcher closed
     */
    CompletableFuture<List<O>> submit(Object key, List<I> inputs) {
        CompletableFuture<List<O>> future = new CompletableFuture<>();
        if (!running) {
            throw new RequestException(503, null, "model " + model + " is shutting down", 1);
        }
        if (!queue.offer(new Pending<>(key, List.copyOf(inputs), future))) {
            throw new RequestException(
                    503, null, "model " + model + " is busy: its request queue is full", 1);
        }
        waiting.incrementAndGet();
        return future;
    }

    private void loop() {
        Pending<I, O> carried = null;
        while (running) {
            try {
                Pending<I, O> first = carried != null ? carried : take();
                carried = null;
                if (first == null) {
                    continue;
                }
                List<Pending<I, O>> batch = new ArrayList<>();
                batch.add(first);
                int size = first.inputs().size();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (size < maxBatchSize) {
                    long left = deadline - System.nanoTime();
                    Pending<I, O> next =
                            left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    waiting.decrementAndGet();
                    if (!Objects.equals(next.key(), first.key())
                            || size + next.inputs().size() > maxBatchSize) {
                        // It opens the next batch; a single consumer can hold it back in order.
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    size += next.inputs().size();
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failAll(carried);
    }

    private Pending<I, O> take() throws InterruptedException {
        Pending<I, O> p = queue.poll(100, TimeUnit.MILLISECONDS);
        if (p != null) {
            waiting.decrementAndGet();
        }
        return p;
    }

    private void run(List<Pending<I, O>> batch) {
        // Requests whose clients gave up (timeout) are not run.
        List<Pending<I, O>> live = batch.stream().filter(p -> !p.future().isDone()).toList();
        if (live.isEmpty()) {
            return;
        }
        List<I> inputs = new ArrayList<>();
        live.forEach(p -> inputs.addAll(p.inputs()));
        try {
            List<O> outputs = forward(live.get(0).key(), inputs);
            int from = 0;
            for (Pending<I, O> p : live) {
                int to = from + p.inputs().size();
                p.future().complete(List.copyOf(outputs.subList(from, to)));
                from = to;
            }
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (live.size() == 1) {
                LOG.debug("model {}: request failed: {}", model, e.toString());
                live.get(0).future().completeExceptionally(e);
                return;
            }
            // Find the request to blame: run each alone.
            for (Pending<I, O> p : live) {
                run(List.of(p));
            }
        }
    }

    private List<O> forward(Object key, List<I> inputs) throws Exception {
        batchSizes.record(inputs.size());
        long start = System.nanoTime();
        try {
            List<O> outputs = forward.apply(key, inputs);
            if (outputs.size() != inputs.size()) {
                throw new IllegalStateException(
                        "model "
                                + model
                                + " returned "
                                + outputs.size()
                                + " outputs for "
                                + inputs.size()
                                + " inputs");
            }
            return outputs;
        } finally {
            forwardTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void failAll(Pending<I, O> carried) {
        List<Pending<I, O>> left = new ArrayList<>();
        if (carried != null) {
            left.add(carried);
        }
        queue.drainTo(left);
        for (Pending<I, O> p : left) {
            p.future()
                    .completeExceptionally(
                            new RequestException(
                                    503, null, "model " + model + " is shutting down", 1));
        }
    }

    /** Stops the worker; waiting requests are answered 503. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(null);
    }
}
