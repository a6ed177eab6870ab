package org.rnnkit.recipes;

import java.io.IOException;
import java.util.ServiceLoader;

/**
 * Serves trained bundles over HTTP: the service the {@code toolkit-serve} module provides (found
 * with {@link ServiceLoader}), so that the command line does not depend on an HTTP server.
 */
public interface ModelServing {

    /**
     * Loads every bundle, starts the server and blocks until the JVM shuts down.
     *
     * @param options the bundles, address and limits
     * @throws IOException when a bundle cannot be read or is corrupt (before anything listens)
     * @throws IllegalArgumentException when two bundles get the same name
     */
    void serve(ServeOptions options) throws IOException;

    /**
     * Finds the installed implementation.
     *
     * @return the service
     * @throws IllegalArgumentException naming {@code serve} when {@code toolkit-serve} is not on
     *     the class path
     */
    static ModelServing find() {
        return ServiceLoader.load(ModelServing.class, ModelServing.class.getClassLoader())
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "serve needs the toolkit-serve module on the class path:"
                                                + " run ./rnnkit serve (which adds it) or add"
                                                + " org.rnnkit:toolkit-serve to your project"));
    }
}
