package space.tokenta.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.demo.GatewayDemo;
import space.tokenta.gateway.inprocess.InProcessExchange;

class StaticAssetsTest {
    private static final String SECRET = "outside-the-root-secret";
    private static final String INDEX = "<!doctype html><title>terminal</title>";

    @TempDir
    static Path tmp;
    static Path root;
    static InProcessExchange exchange;
    static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("dist"));
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve("index.html"), INDEX);
        Files.createDirectories(root.resolve("assets"));
        Files.writeString(root.resolve("assets/index-AbC123.js"), "console.log(1)");
        Files.writeString(root.resolve("assets/index-AbC123.css"), "body{}");
        Files.writeString(root.resolve("logo.svg"), "<svg/>");
        Files.write(root.resolve("blob.bin"), new byte[] {1, 2, 3});
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        exchange = new InProcessExchange();
        GatewayDemo.seed(exchange, 2, 1_000_000L, 1_000_000L, 1_000);
        server = GatewayServer.start(new Ports(exchange, exchange, exchange.readModels()),
                GatewayConfig.defaults().withPort(0).withWebRoot(root));
    }

    @AfterAll
    static void stop() {
        server.close();
        exchange.close();
    }

    /** One raw HTTP/1.1 exchange, so the path reaches the server exactly as written. */
    private static String[] raw(final String method, final String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            final String text = all.toString(StandardCharsets.UTF_8);
            final int split = text.indexOf("\r\n\r\n");
            return new String[] {text.substring(0, split).toLowerCase(), text.substring(split + 4)};
        }
    }

    private static int status(final String[] response) {
        return Integer.parseInt(response[0].substring(9, 12));
    }

    private static String header(final String[] response, final String name) {
        for (final String line : response[0].split("\r\n")) {
            if (line.startsWith(name.toLowerCase() + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void traversalIsRefusedInEverySpelling() throws Exception {
        for (final String path : List.of("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/assets/..%5c..%5csecret.txt", "/..\\secret.txt",
                "/escape.txt", "//etc/passwd", "/%00index.html", "/./index.html", "/%c0%ae%c0%ae/secret.txt")) {
            final String[] response = raw("GET", path);
            assertFalse(response[1].contains(SECRET), path + " leaked the file outside the root");
            assertEquals(404, status(response), path);
        }
    }

    @Test
    void resolutionNeverLeavesTheRoot() {
        final StaticAssets assets = new StaticAssets(root, List.of("/v1"));
        for (final String path : List.of("/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/escape.txt",
                "relative", "", "/%zz", "/%")) {
            final StaticAssets.Resolution r = assets.resolve(path);
            assertEquals(404, r.status(), path);
            assertNull(r.file(), path);
        }
        assertNull(StaticAssets.decode("/%c0%ae"));
        assertEquals("/a b+c", StaticAssets.decode("/a%20b+c"));
    }

    @Test
    void filesHaveTheirContentTypesAndHashedAssetsAreCachedForAYear() throws Exception {
        final String[] js = raw("GET", "/assets/index-AbC123.js");
        assertEquals(200, status(js));
        assertEquals("text/javascript; charset=utf-8", header(js, "Content-Type"));
        assertEquals(StaticAssets.CACHE_HASHED, header(js, "Cache-Control"));
        assertEquals("console.log(1)", js[1]);
        assertEquals("text/css; charset=utf-8", header(raw("GET", "/assets/index-AbC123.css"), "Content-Type"));
        final String[] svg = raw("GET", "/logo.svg");
        assertEquals("image/svg+xml", header(svg, "Content-Type"));
        assertEquals(StaticAssets.CACHE_REVALIDATE, header(svg, "Cache-Control"));
        assertEquals("application/octet-stream", header(raw("GET", "/blob.bin"), "Content-Type"));
        assertEquals("nosniff", header(svg, "X-Content-Type-Options"));
        final String[] head = raw("HEAD", "/assets/index-AbC123.js");
        assertEquals(200, status(head));
        assertEquals("14", header(head, "Content-Length"));
    }

    @Test
    void unknownPagesGetTheTerminalButMissingAssetsAndTheApiDoNot() throws Exception {
        for (final String path : List.of("/", "/book/GPT-FT-04", "/index.html")) {
            final String[] page = raw("GET", path);
            assertEquals(200, status(page), path);
            assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
            assertEquals(StaticAssets.CACHE_REVALIDATE, header(page, "Cache-Control"));
            assertEquals(INDEX, page[1]);
        }
        assertEquals(404, status(raw("GET", "/assets/missing-123.js")));
        final String[] api = raw("GET", "/v1/no-such-route");
        assertEquals(404, status(api));
        assertTrue(api[1].contains("\"NOT_FOUND\""));
        assertEquals(200, status(raw("GET", "/v1/health")));
        assertTrue(raw("GET", "/metrics")[1].contains("tokenta"));
        final StaticAssets assets = new StaticAssets(root, List.of("/v1", "/metrics"));
        assertFalse(assets.claims(HttpMethod.POST, "/index.html"));
        assertFalse(assets.claims(HttpMethod.GET, "/v1"));
        assertTrue(assets.claims(HttpMethod.GET, "/v1x"));
    }
}
