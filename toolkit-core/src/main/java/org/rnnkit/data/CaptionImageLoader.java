package org.rnnkit.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads images through DataVec's image support ({@link NativeImageLoader}, OpenCV underneath),
 * resized to a fixed {@code height x width} (aspect ratio not kept) with {@code channels} colour
 * channels in OpenCV's BGR order, and normalizes them: pixel values divided by 255 ({@link
 * Normalization#UNIT}), or with the ImageNet BGR means subtracted as VGG16 and ResNet50 expect
 * ({@link Normalization#IMAGENET}). Output layout {@code [1, channels, height, width]} (NCHW).
 *
 * <p>DataVec's image support ({@value ImageSupport#DEPENDENCY}) is an optional dependency of
 * rnnkit: without it on the class path the constructor throws an {@link IllegalStateException}
 * naming it.
 */
public final class CaptionImageLoader {

    /** How pixel values are scaled after loading. */
    public enum Normalization {
        /** Values in [0, 1]: pixel / 255. */
        UNIT,
        /** Values in [0, 255] minus the ImageNet channel means (B 103.939, G 116.779, R 123.68). */
        IMAGENET
    }

    private static final double[] IMAGENET_BGR_MEANS = {103.939, 116.779, 123.68};

    private final int channels;
    private final int height;
    private final int width;
    private final Normalization normalization;
    private final Decoder files;

    /**
     * Creates a loader.
     *
     * @param channels 1 (grey) or 3 (colour)
     * @param height rows after resizing, at least 1
     * @param width columns after resizing, at least 1
     * @param normalization the pixel scaling
     * @throws IllegalArgumentException for an invalid size
     * @throws IllegalStateException when DataVec's image support ({@value ImageSupport#DEPENDENCY})
     *     is not on the class path
     */
    public CaptionImageLoader(int channels, int height, int width, Normalization normalization) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "channels must be 1 or 3, received: channels=" + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "height and width must be >= 1, received: height="
                            + height
                            + ", width="
                            + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        ImageSupport.require("Loading images (CaptionImageLoader)");
        this.files = new Decoder(height, width, channels);
    }

    /**
     * Loads an image file (JPEG, PNG, BMP, ... as OpenCV reads them).
     *
     * @param file the image
     * @return {@code [1, channels, height, width]}, FLOAT
     * @throws MalformedDataException when the file is missing or cannot be decoded as an image
     * @throws IOException when the file cannot be read
     */
    public INDArray load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new MalformedDataException(file, 0, "image file not found");
        }
        if (Files.size(file) == 0) {
            throw new MalformedDataException(file, 0, "image file is empty");
        }
        INDArray pixels;
        try {
            pixels = files.asMatrix(file.toFile());
        } catch (RuntimeException | IOException e) {
            throw new MalformedDataException(
                    file, 0, "cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (pixels == null || pixels.length() != (long) channels * height * width) {
            throw new MalformedDataException(file, 0, "cannot decode the image");
        }
        return normalize(pixels);
    }

    /**
     * Converts an in-memory picture exactly as its PNG file would be loaded (used for generated
     * images): the picture is encoded as PNG in memory and decoded by the same OpenCV path as a
     * file. DataVec's {@code Java2DNativeImageLoader} is not used because it mixes up the channels
     * of {@code TYPE_INT_RGB} pictures (measured: red came out in the green channel, blue was
     * lost).
     *
     * @param picture the picture
     * @return {@code [1, channels, height, width]}, FLOAT
     * @throws IOException when the conversion fails
     */
    public INDArray load(BufferedImage picture) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(Objects.requireNonNull(picture, "picture"), "png", png)) {
            throw new IOException("no PNG writer for the picture");
        }
        return normalize(files.asMatrix(new ByteArrayInputStream(png.toByteArray())));
    }

    private INDArray normalize(INDArray pixels) {
        INDArray x = pixels.castTo(DataType.FLOAT).reshape(1, channels, height, width).dup();
        if (normalization == Normalization.UNIT) {
            return x.divi(255.0);
        }
        for (int c = 0; c < channels; c++) {
            double mean = channels == 3 ? IMAGENET_BGR_MEANS[c] : 117.0;
            x.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(c),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .subi(mean);
        }
        return x;
    }

    /**
     * The only place that touches DataVec's image classes, so that this class loads, and its
     * constructor can report the missing dependency, when they are absent.
     */
    private static final class Decoder {
        private final NativeImageLoader loader;

        Decoder(int height, int width, int channels) {
            this.loader = new NativeImageLoader(height, width, channels);
        }

        INDArray asMatrix(java.io.File file) throws IOException {
            return loader.asMatrix(file);
        }

        INDArray asMatrix(InputStream in) throws IOException {
            return loader.asMatrix(in);
        }
    }

    /**
     * Returns the output shape.
     *
     * @return {@code {channels, height, width}}
     */
    public int[] shape() {
        return new int[] {channels, height, width};
    }
}
