package org.rnnkit.recipes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Checks on a Spark master made before a distributed run reads or writes anything. */
public final class SparkMasters {

    private SparkMasters() {}

    /**
     * Checks that a standalone master ({@code spark://HOST:PORT[,HOST:PORT...]}) answers, before
     * anything is read or written: otherwise Spark retries its registration for a minute and then
     * stops. Other masters ({@code local}, {@code yarn}, {@code k8s://}) are left to Spark.
     *
     * @param spark the Spark settings whose master is checked
     * @param timeoutMillis the connection timeout per address
     * @throws IllegalArgumentException naming {@code --spark}, the addresses tried and why each
     *     failed
     */
    public static void requireReachable(SparkOptions spark, int timeoutMillis) {
        String master = spark.master();
        String m = master.trim();
        if (!m.startsWith("spark://")) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : m.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port > 65_535) {
                failures.add(hostPort + ": port out of range");
                continue;
            }
            InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon), port);
            if (address.isUnresolved()) {
                failures.add(hostPort + ": unknown host");
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, timeoutMillis);
                return;
            } catch (IOException e) {
                failures.add(hostPort + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(
                "--spark "
                        + master
                        + ": no Spark master answers ("
                        + String.join("; ", failures)
                        + "); start the master or use the spark://HOST:PORT its log prints");
    }
}
