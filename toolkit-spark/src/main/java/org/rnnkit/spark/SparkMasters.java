package org.rnnkit.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks before training that a standalone master ({@code spark://HOST:PORT[,HOST:PORT...]})
 * answers, so that a stopped or mistyped master is a usage error at once rather than Spark's
 * registration retries (three of 20 s each) followed by a stopped context.
 */
final class SparkMasters {

    private SparkMasters() {}

    /**
     * Throws unless one of the master's addresses accepts a connection within the timeout; other
     * masters ({@code local}, {@code yarn}, {@code k8s://}) are left to Spark.
     *
     * @param master the {@code --spark} value
     * @param timeoutMillis the connection timeout per address
     * @throws IllegalArgumentException naming {@code --spark}, the addresses tried and why each
     *     failed
     */
    static void requireReachable(String master, int timeoutMillis) {
        String m = master.trim();
        if (!m.startsWith("spark://")) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : m.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            InetSocketAddress address = new InetSocketAddress(host, port);
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
