package org.rnnkit.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The dashboard's files, read once from the class path: its page, script and style sheet, and
 * Chart.js from the {@code org.webjars.npm:chart.js} webjar (vendored at build time by Maven, so
 * that the page needs no CDN at run time).
 */
final class DashboardAssets {

    private static final String WEBJAR_PROPERTIES =
            "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private record Asset(String contentType, byte[] bytes) {}

    private final Map<String, Asset> assets;

    private DashboardAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads every file; fails when one is missing from the class path (a broken build). */
    static DashboardAssets load() throws IOException {
        return new DashboardAssets(
                Map.of(
                        "index.html",
                        new Asset("text/html; charset=utf-8", own("index.html")),
                        "dashboard.js",
                        new Asset("text/javascript; charset=utf-8", own("dashboard.js")),
                        "dashboard.css",
                        new Asset("text/css; charset=utf-8", own("dashboard.css")),
                        "chart.umd.js",
                        new Asset(
                                "text/javascript; charset=utf-8",
                                read(
                                        "META-INF/resources/webjars/chart.js/"
                                                + chartJsVersion()
                                                + "/dist/chart.umd.js"))));
    }

    /** The Chart.js version of the webjar on the class path. */
    static String chartJsVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = open(WEBJAR_PROPERTIES)) {
            p.load(in);
        }
        return Objects.requireNonNull(p.getProperty("version"), WEBJAR_PROPERTIES + " version");
    }

    /** Answers one file, or 404 naming it. */
    void send(Context ctx, String file) {
        Asset asset = assets.get(file);
        if (asset == null) {
            throw new RequestException(
                    404, "file", "no dashboard file '" + RequestReader.abbreviate(file) + "'");
        }
        ctx.status(200)
                .header("Cache-Control", "no-cache")
                .contentType(asset.contentType())
                .result(asset.bytes());
    }

    private static byte[] own(String file) throws IOException {
        return read("org/rnnkit/serve/dashboard/" + file);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(
                    "the dashboard's resource " + resource + " is not on the class path");
        }
        return in;
    }
}
