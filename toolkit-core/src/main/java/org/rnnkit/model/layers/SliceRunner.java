package org.rnnkit.model.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Runs the batch slices of a recurrent layer on parallel threads. Sequences in a batch are
 * independent, so each thread carries its slice through all time steps (forward and backward) on
 * its own, with single-threaded BLAS calls: two synchronisations per pass instead of one per time
 * step.
 *
 * <p>The number of threads is {@code -Drnnkit.threads=N}, else the environment variable {@code
 * RNNKIT_THREADS}, else the number of available processors.
 */
final class SliceRunner {

    private static volatile int threads = configuredThreads();

    /** Fewest batch rows per slice (measured: with fewer rows OpenBLAS's own threads win). */
    static final int MIN_ROWS = 16;

    private static volatile int minRows = MIN_ROWS;

    private static volatile ExecutorService pool;

    private SliceRunner() {}

    /**
     * Returns the configured thread count.
     *
     * @return at least 1
     */
    static int threads() {
        return threads;
    }

    /**
     * Overrides the thread count (tests compare results across thread counts; with {@link
     * #setMinRows} they force tiny batches into several slices).
     *
     * @param n at least 1
     */
    static void setMinRows(int n) {
        minRows = Math.max(1, n);
    }

    static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, received: " + n);
        }
        threads = n;
    }

    private static int configuredThreads() {
        String value = System.getProperty("rnnkit.threads");
        String source = "-Drnnkit.threads";
        if (value == null || value.isBlank()) {
            value = System.getenv("RNNKIT_THREADS");
            source = "RNNKIT_THREADS";
        }
        if (value == null || value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "%s must be a positive integer, received: %s",
                            source,
                            value));
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (SliceRunner.class) {
                p = pool;
                if (p == null) {
                    p =
                            Executors.newFixedThreadPool(
                                    Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                                    r -> {
                                        Thread t = new Thread(r, "rnnkit-recurrent");
                                        t.setDaemon(true);
                                        return t;
                                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body} for slices {@code 0..slices-1}, slice 0 on the calling thread, and waits
     * for all of them.
     *
     * @param slices number of slices
     * @param body the work of one slice
     */
    static void run(int slices, IntConsumer body) {
        // Threads not used for slices go to OpenBLAS inside each slice's calls.
        int wanted = Math.max(1, threads / slices);
        int blasThreads = openblas_nolapack.blas_get_num_threads();
        if (blasThreads != wanted) {
            openblas_nolapack.blas_set_num_threads(wanted);
        }
        try {
            runSlices(slices, body);
        } finally {
            if (blasThreads != wanted) {
                openblas_nolapack.blas_set_num_threads(blasThreads);
            }
        }
    }

    /**
     * Number of slices for a batch: one per thread as long as each keeps at least {@link #MIN_ROWS}
     * rows. Smaller slices make the per-step GEMM inefficient (OpenBLAS packs the recurrent weights
     * on every call); their threads are better spent inside OpenBLAS.
     *
     * @param batch the batch size
     * @return at least 1
     */
    static int slicesFor(int batch) {
        return Math.max(1, Math.min(threads, batch / minRows));
    }

    private static void runSlices(int slices, IntConsumer body) {
        List<Future<?>> futures = new ArrayList<>(slices - 1);
        for (int s = 1; s < slices; s++) {
            int slice = s;
            futures.add(pool().submit(() -> body.accept(slice)));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
