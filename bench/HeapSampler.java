/*
 * Runs another program's main method in this JVM and reports the peak heap it used: a daemon thread
 * samples MemoryMXBean's heap usage every 10 ms, and a shutdown hook prints
 * "heap-sampler: peak_heap_used_bytes=N peak_live_bytes=L live_samples=K max_heap_bytes=M
 * samples=S" on standard error (also when the program calls System.exit or dies of an
 * OutOfMemoryError). The peak heap used depends on how lazily the collector runs; the live heap
 * does not: with -Dheap.sampler.gcSeconds=T, another thread calls System.gc() (a full collection
 * with G1) every T seconds and records the heap used right after it, and peak_live_bytes is the
 * largest of those K readings. Used by bench/stream_memory.sh;
 * compile it first (javac -d DIR bench/HeapSampler.java) so that the compiler's own allocations
 * are not counted.
 *
 *   java -Xmx1g -cp "DIR:toolkit-recipes/target/rnnkit-recipes.jar:toolkit-recipes/target/lib/*" \
 *       HeapSampler org.rnnkit.cli.RnnkitCli sentiment train ...
 */
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

public class HeapSampler {
    public static void main(String[] args) throws Throwable {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Thread sampler =
                new Thread(
                        () -> {
                            while (true) {
                                long used = memory.getHeapMemoryUsage().getUsed();
                                peak.accumulateAndGet(used, Math::max);
                                samples.incrementAndGet();
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long gcMillis = (long) (1000 * Double.parseDouble(System.getProperty("heap.sampler.gcSeconds", "0")));
        AtomicLong peakLive = new AtomicLong();
        AtomicLong liveSamples = new AtomicLong();
        if (gcMillis > 0) {
            Thread collector =
                    new Thread(
                            () -> {
                                while (true) {
                                    try {
                                        Thread.sleep(gcMillis);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                    System.gc();
                                    long live = memory.getHeapMemoryUsage().getUsed();
                                    peakLive.accumulateAndGet(live, Math::max);
                                    liveSamples.incrementAndGet();
                                }
                            },
                            "heap-sampler-gc");
            collector.setDaemon(true);
            collector.start();
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () ->
                                        System.err.printf(
                                                "heap-sampler: peak_heap_used_bytes=%d"
                                                        + " peak_live_bytes=%d live_samples=%d"
                                                        + " max_heap_bytes=%d samples=%d%n",
                                                Math.max(
                                                        peak.get(),
                                                        memory.getHeapMemoryUsage().getUsed()),
                                                peakLive.get(),
                                                liveSamples.get(),
                                                memory.getHeapMemoryUsage().getMax(),
                                                samples.get())));
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
