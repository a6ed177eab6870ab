package org.rnnkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * Checks that DataVec's image support ({@value #DEPENDENCY}, OpenCV through JavaCPP) is on the
 * class path. rnnkit declares that dependency optional: only captioning loads images, and it brings
 * the native OpenCV, FFmpeg, Leptonica/Tesseract and HDF5 libraries, which a project that never
 * loads an image should not have to download. Code that loads images calls {@link #require(String)}
 * first, so a project without the dependency fails with a message naming it instead of a {@code
 * NoClassDefFoundError} from deep inside DataVec.
 */
public final class ImageSupport {

    /** Maven coordinates (group and artifact) of DataVec's image support. */
    public static final String DEPENDENCY = "org.datavec:datavec-data-image";

    /** The DataVec class rnnkit loads images with. */
    static final String LOADER_CLASS = "org.datavec.image.loader.NativeImageLoader";

    private ImageSupport() {}

    /**
     * Returns whether DataVec's image support can be loaded by this class's class loader.
     *
     * @return true when {@value #LOADER_CLASS} is on the class path
     */
    public static boolean isAvailable() {
        try {
            Class.forName(LOADER_CLASS, false, ImageSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Fails unless DataVec's image support is on the class path.
     *
     * @param purpose what needs it, for the message (e.g. "Loading caption images")
     * @throws IllegalStateException when it is missing; the message names the dependency to add
     */
    public static void require(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (!isAvailable()) {
            throw new IllegalStateException(
                    purpose
                            + " needs DataVec's image support, which is not on the class path: add"
                            + " the dependency "
                            + DEPENDENCY
                            + ":"
                            + dl4jVersion()
                            + " to your project (without a version if it imports"
                            + " org.rnnkit:rnnkit-bom). rnnkit declares it optional because it"
                            + " brings native OpenCV, FFmpeg, Leptonica and HDF5 libraries.");
        }
    }

    /** The DL4J version rnnkit was built with, from the jar's build properties. */
    private static String dl4jVersion() {
        try (InputStream in =
                ImageSupport.class.getResourceAsStream("/org/rnnkit/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("dl4jVersion", "<DL4J version>");
            }
        } catch (IOException e) {
            // The version only decorates the message; the message without it is still right.
        }
        return "<DL4J version>";
    }
}
