package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSupportTest {

    @Test
    void givenDataVecImageOnTheClassPath_whenChecked_thenAvailable() {
        assertTrue(ImageSupport.isAvailable());
        ImageSupport.require("a test");
    }

    @Test
    void givenNoDataVecImage_whenCaptionImageLoaderCreated_thenMessageNamesTheDependency()
            throws Exception {
        List<URL> urls = new ArrayList<>();
        int hidden = 0;
        for (String entry : testClassPath()) {
            if (Path.of(entry).getFileName().toString().startsWith("datavec-data-image")) {
                hidden++;
                continue;
            }
            urls.add(toUrl(entry));
        }
        assertEquals(1, hidden, "datavec-data-image jars on the test class path");
        try (URLClassLoader withoutImages =
                new URLClassLoader(
                        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> support = withoutImages.loadClass(ImageSupport.class.getName());
            assertFalse((Boolean) support.getMethod("isAvailable").invoke(null));

            Class<?> loader = withoutImages.loadClass(CaptionImageLoader.class.getName());
            Class<?> normalization =
                    withoutImages.loadClass(CaptionImageLoader.Normalization.class.getName());
            Object unit = normalization.getEnumConstants()[0];
            InvocationTargetException e =
                    assertThrows(
                            InvocationTargetException.class,
                            () ->
                                    loader.getConstructor(
                                                    int.class, int.class, int.class, normalization)
                                            .newInstance(3, 4, 4, unit));
            IllegalStateException missing =
                    assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(
                    missing.getMessage()
                            .contains(
                                    "add the dependency org.datavec:datavec-data-image:1.0.0-M2.1"),
                    missing.getMessage());
            assertTrue(missing.getMessage().startsWith("Loading images"), missing.getMessage());
        }
    }

    /** The test class path as surefire passes it (its booter jar hides it from java.class.path). */
    private static String[] testClassPath() {
        String path =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return path.split(File.pathSeparator);
    }

    private static URL toUrl(String entry) throws MalformedURLException {
        return Path.of(entry).toUri().toURL();
    }
}
