package org.rnnkit.serve;

import java.io.IOException;
import org.rnnkit.recipes.ModelServing;
import org.rnnkit.recipes.ServeOptions;

/**
 * {@code rnnkit serve} as the command line finds it ({@link ModelServing}, registered in {@code
 * META-INF/services}): starts a {@link ModelServer} and blocks until the JVM shuts down.
 */
public final class JavalinModelServing implements ModelServing {

    /** Creates the service (for {@link java.util.ServiceLoader}). */
    public JavalinModelServing() {}

    @Override
    public void serve(ServeOptions options) throws IOException {
        ModelServer server = ModelServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rnnkit-serve-stop"));
        try {
            server.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
