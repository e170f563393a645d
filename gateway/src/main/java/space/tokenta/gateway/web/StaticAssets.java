package space.tokenta.gateway.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the web terminal's built files from one directory. GET/HEAD on a path outside the API
 * prefixes: an existing file is sent with its content type; a missing file under {@code /assets/}
 * is 404; any other unknown path gets {@code index.html} (the terminal routes on the client).
 * Paths that leave the root (dot segments, encoded separators, backslashes, NUL, symlinks out) are
 * refused with 404. Vite's content-hashed files under {@code /assets/} are cached for a year,
 * everything else is revalidated on each load.
 */
public final class StaticAssets {
    public static final int MAX_PATH_CHARS = 1_024;
    public static final String HASHED_PREFIX = "/assets/";
    public static final String CACHE_HASHED = "public, max-age=31536000, immutable";
    public static final String CACHE_REVALIDATE = "no-cache";

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("wasm", "application/wasm"));

    /** What to answer for a path: a file with its headers, or not found. */
    public record Resolution(int status, Path file, String contentType, String cacheControl) {
        static final Resolution NOT_FOUND = new Resolution(404, null, "application/json", CACHE_REVALIDATE);
    }

    private final Path root;
    private final Path realRoot;
    private final List<String> apiPrefixes;

    /**
     * @param root        directory holding index.html and assets/
     * @param apiPrefixes paths that belong to the API and are never served from files (e.g. "/v1")
     */
    public StaticAssets(final Path root, final List<String> apiPrefixes) {
        if (root == null || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("web root is not a directory: " + root);
        }
        try {
            this.realRoot = root.toRealPath();
        } catch (final IOException e) {
            throw new IllegalArgumentException("web root unreadable: " + root, e);
        }
        this.root = root.toAbsolutePath().normalize();
        this.apiPrefixes = List.copyOf(apiPrefixes);
    }

    /** True when this request is for a file (GET/HEAD outside the API prefixes). */
    public boolean claims(final HttpMethod method, final String rawPath) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD || rawPath == null) {
            return false;
        }
        for (final String prefix : apiPrefixes) {
            if (rawPath.equals(prefix) || rawPath.startsWith(prefix + "/")) {
                return false;
            }
        }
        return true;
    }

    /** Answers a claimed request: the file, index.html, or a typed 404. */
    public void serve(final HttpServerRequest request) {
        final Resolution r = resolve(request.path());
        final HttpServerResponse response = request.response();
        response.putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", r.cacheControl());
        if (r.status() != 200) {
            response.setStatusCode(r.status()).putHeader("Content-Type", r.contentType())
                    .end("{\"code\":\"NOT_FOUND\",\"message\":\"no such file\",\"details\":{}}");
            return;
        }
        response.putHeader("Content-Type", r.contentType());
        if (request.method() == HttpMethod.HEAD) {
            try {
                response.putHeader("Content-Length", Long.toString(Files.size(r.file()))).end();
            } catch (final IOException e) {
                response.setStatusCode(404).end();
            }
            return;
        }
        response.sendFile(r.file().toString());
    }

    /** Maps a raw request path to a file under the root; never to anything outside it. */
    public Resolution resolve(final String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.length() > MAX_PATH_CHARS || rawPath.charAt(0) != '/') {
            return Resolution.NOT_FOUND;
        }
        final String path = decode(rawPath);
        if (path == null || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.contains("//")) {
            return Resolution.NOT_FOUND;
        }
        for (final String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Resolution.NOT_FOUND;
            }
        }
        final String relative = path.substring(1);
        final Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            return Resolution.NOT_FOUND;
        }
        if (!relative.isEmpty() && Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            // A directory or a link that leads out of the root is refused, not answered with the page.
            if (Files.isRegularFile(candidate) && insideRealRoot(candidate)) {
                return new Resolution(200, candidate, contentType(candidate.getFileName().toString()),
                        path.startsWith(HASHED_PREFIX) ? CACHE_HASHED : CACHE_REVALIDATE);
            }
            if (!Files.isDirectory(candidate)) {
                return Resolution.NOT_FOUND;
            }
        }
        if (path.startsWith(HASHED_PREFIX)) {
            return Resolution.NOT_FOUND;
        }
        final Path index = root.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return Resolution.NOT_FOUND;
        }
        return new Resolution(200, index, CONTENT_TYPES.get("html"), CACHE_REVALIDATE);
    }

    private boolean insideRealRoot(final Path candidate) {
        try {
            return candidate.toRealPath().startsWith(realRoot);
        } catch (final IOException e) {
            return false;
        }
    }

    /** Content type by file extension; unknown extensions are opaque bytes. */
    public static String contentType(final String fileName) {
        final int dot = fileName.lastIndexOf('.');
        final String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** Percent-decoding of a path ('+' stays '+'); null when malformed or not UTF-8. */
    static String decode(final String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        final byte[] out = new byte[rawPath.length()];
        int n = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            final char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length()) {
                    return null;
                }
                final int hi = Character.digit(rawPath.charAt(i + 1), 16);
                final int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                out[n++] = (byte) c;
            }
        }
        final String decoded = new String(out, 0, n, StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
    }
}
