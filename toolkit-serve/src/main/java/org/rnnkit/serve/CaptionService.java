package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.caption.CaptionModel;
import org.rnnkit.recipes.caption.CaptionModel.Caption;

/**
 * Image captioning: pictures uploaded as {@code multipart/form-data} (parts named {@code image},
 * optional field {@code beam}) or as JSON {@code {"images": ["<base64>", ...], "beam": 3}}, to one
 * caption each. Requests are batched only with requests of the same beam width.
 */
final class CaptionService extends ServedModel<BufferedImage, Caption> {

    /** {@code rnnkit caption predict}'s default beam width. */
    static final int DEFAULT_BEAM = 3;

    /** The widest beam a request may ask for. */
    static final int MAX_BEAM = 16;

    /** The largest picture side decoded; larger ones are refused before decoding. */
    static final int MAX_SIDE = 4096;

    private final CaptionModel model;

    CaptionService(
            String name,
            CaptionModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, CaptionModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<Caption> forward(Object key, List<BufferedImage> pictures) throws IOException {
        return model.caption(pictures, (Integer) key);
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        List<BufferedImage> pictures = new ArrayList<>();
        int beam;
        if (ctx.isMultipartFormData()) {
            long declared = ctx.req().getContentLengthLong();
            if (declared > reader.limits().maxBodyBytes()) {
                throw new RequestException(
                        413,
                        null,
                        "request body must be at most "
                                + reader.limits().maxBodyBytes()
                                + " bytes, received: "
                                + declared);
            }
            List<UploadedFile> files;
            try {
                files = ctx.uploadedFiles("image");
            } catch (Exception e) {
                // Jetty's multipart parser (an IOException, undeclared through Kotlin): over
                // maxTotalRequestSize, or a malformed body.
                throw RequestException.badField(
                        "image", "multipart body cannot be read: " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw RequestException.badField("image", "upload at least one part named 'image'");
            }
            if (files.size() > reader.limits().maxInputs()) {
                throw RequestException.badField(
                        "image",
                        "at most "
                                + reader.limits().maxInputs()
                                + " images, received: "
                                + files.size());
            }
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = files.get(i).content()) {
                    pictures.add(picture(in.readAllBytes(), "image[" + i + "]"));
                }
            }
            String beamText = ctx.formParam("beam");
            beam = DEFAULT_BEAM;
            if (beamText != null) {
                Integer parsed = parse(beamText);
                beam =
                        RequestReader.checkInt(
                                parsed != null,
                                parsed == null ? 0 : parsed,
                                "beam",
                                "'" + RequestReader.abbreviate(beamText) + "'",
                                1,
                                MAX_BEAM);
            }
        } else {
            ObjectNode body = reader.object(ctx, Set.of("images", "beam"));
            JsonNode images = reader.inputs(body, "images");
            int i = 0;
            for (Iterator<JsonNode> it = images.elements(); it.hasNext(); i++) {
                JsonNode image = it.next();
                String field = "images[" + i + "]";
                if (!image.isTextual()) {
                    throw RequestException.badField(
                            field,
                            field
                                    + " must be a base64 string, received: "
                                    + RequestReader.type(image));
                }
                byte[] bytes;
                try {
                    bytes = Base64.getMimeDecoder().decode(image.textValue());
                } catch (IllegalArgumentException e) {
                    throw RequestException.badField(
                            field, field + " is not base64: " + e.getMessage());
                }
                pictures.add(picture(bytes, field));
            }
            beam = reader.optInt(body, "beam", DEFAULT_BEAM, 1, MAX_BEAM);
        }
        List<Caption> captions = run(beam, pictures, "images");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("captions");
        captions.forEach(c -> rows.add(c.text()));
        return out;
    }

    private static Integer parse(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Decodes a picture, refusing what is not one and sides over {@link #MAX_SIDE} unread. */
    static BufferedImage picture(byte[] bytes, String field) throws IOException {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw RequestException.badField(field, field + " is not a readable picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE || width < 1 || height < 1) {
                    throw RequestException.badField(
                            field,
                            field
                                    + " must be at most "
                                    + MAX_SIDE
                                    + " pixels a side, received: "
                                    + width
                                    + "x"
                                    + height);
                }
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e instanceof RequestException r) {
                    throw r;
                }
                throw RequestException.badField(
                        field, field + " is not a readable picture: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }
}
