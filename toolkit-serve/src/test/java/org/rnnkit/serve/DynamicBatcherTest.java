package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batcher without a network: gathering, keys, the bounded queue and failure isolation. */
class DynamicBatcherTest {

    @Test
    void givenRequestsWithinTheWait_whenSubmitted_thenOneForwardPassServesAll() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        try (DynamicBatcher<Integer, Integer> batcher =
                new DynamicBatcher<>(
                        "m",
                        (key, in) -> {
                            batchSizes.add(in.size());
                            return in.stream().map(x -> x * 10).toList();
                        },
                        8,
                        500,
                        16,
                        new SimpleMeterRegistry())) {
            List<CompletableFuture<List<Integer>>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(batcher.submit(null, List.of(i, i + 100)));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(
                        List.of(i * 10, (i + 100) * 10), futures.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(8), batchSizes);
        }
    }

    @Test
    void givenDifferentKeys_whenSubmitted_thenNeverInOneBatch() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        try (DynamicBatcher<Integer, Integer> batcher =
                new DynamicBatcher<>(
                        "m",
                        (key, in) -> {
                            calls.add(key + ":" + in);
                            return in;
                        },
                        8,
                        200,
                        16,
                        new SimpleMeterRegistry())) {
            var a = batcher.submit(1, List.of(1));
            var b = batcher.submit(2, List.of(2));
            var c = batcher.submit(1, List.of(3));
            assertEquals(List.of(1), a.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(2), b.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(3), c.get(5, TimeUnit.SECONDS));
            for (String call : calls) {
                assertTrue(call.startsWith("1:") || call.equals("2:[2]"), calls.toString());
            }
        }
    }

    @Test
    void givenFullQueue_whenSubmitted_then503WithRetryAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DynamicBatcher<Integer, Integer> batcher =
                new DynamicBatcher<>(
                        "m",
                        (key, in) -> {
                            running.countDown();
                            release.await();
                            return in;
                        },
                        1,
                        0,
                        1,
                        new SimpleMeterRegistry())) {
            var first = batcher.submit(null, List.of(1));
            assertTrue(running.await(5, TimeUnit.SECONDS));
            var second = batcher.submit(null, List.of(2));
            RequestException full =
                    assertThrows(RequestException.class, () -> batcher.submit(null, List.of(3)));
            assertEquals(503, full.status());
            assertNotNull(full.retryAfterSeconds());
            release.countDown();
            assertEquals(List.of(1), first.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(2), second.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void givenOneBadInputInABatch_whenRun_thenOnlyItsRequestFails() throws Exception {
        try (DynamicBatcher<Integer, Integer> batcher =
                new DynamicBatcher<>(
                        "m",
                        (key, in) -> {
                            if (in.contains(-1)) {
                                throw new IllegalArgumentException("negative input");
                            }
                            return in;
                        },
                        8,
                        300,
                        16,
                        new SimpleMeterRegistry())) {
            var good = batcher.submit(null, List.of(1, 2));
            var bad = batcher.submit(null, List.of(-1));
            var alsoGood = batcher.submit(null, List.of(3));
            assertEquals(List.of(1, 2), good.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(3), alsoGood.get(5, TimeUnit.SECONDS));
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
        }
    }
}
