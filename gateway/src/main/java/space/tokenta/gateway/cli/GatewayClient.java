package space.tokenta.gateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Option;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.HmacSigner;

/** Shared options and the HMAC-signed HTTP calls of the trader commands. */
public final class GatewayClient {
    @Option(names = "--url", description = "gateway base URL (default http://127.0.0.1:$TOKENTA_HTTP_PORT or :8080)")
    String url;
    @Option(names = "--key", description = "API key id (default $TOKENTA_API_KEY)")
    String keyId = System.getenv("TOKENTA_API_KEY");
    @Option(names = "--secret", description = "API key secret (default $TOKENTA_API_SECRET)")
    String secret = System.getenv("TOKENTA_API_SECRET");
    @Option(names = "--json", description = "print the raw JSON answer")
    boolean json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    String base() {
        if (url != null) {
            return url;
        }
        final String port = System.getenv("TOKENTA_HTTP_PORT");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.trim());
    }

    /** @return the body; prints the typed error and returns null on a 4xx/5xx. */
    String call(final String method, final String pathAndQuery, final String body) throws Exception {
        final int q = pathAndQuery.indexOf('?');
        final String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        final String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (keyId != null && secret != null) {
            final long ts = System.currentTimeMillis();
            final String nonce = UUID.randomUUID().toString().replace("-", "");
            b.header(GatewayServer.HEADER_KEY, keyId).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                    .header(GatewayServer.HEADER_NONCE, nonce)
                    .header(GatewayServer.HEADER_SIGNATURE, HmacSigner.sign(secret, ts, nonce, method, path, query, bytes));
        }
        if (method.equals("POST")) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        final HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            System.err.println("error " + r.statusCode() + ": " + r.body());
            return null;
        }
        return r.body();
    }

    /**
     * Prints a JSON array of objects as a {@link TextTable} of the given fields, headed by the field
     * names (or the raw JSON with --json).
     */
    void table(final String body, final List<String> columns) {
        if (body == null) {
            return;
        }
        if (json) {
            System.out.println(body);
            return;
        }
        final TextTable table = new TextTable(columns);
        for (final Object row : new JsonArray(body)) {
            final List<Object> cells = new java.util.ArrayList<>(columns.size());
            for (final String column : columns) {
                final Object v = ((JsonObject) row).getValue(column);
                cells.add(v instanceof JsonArray list ? String.join(",", list.stream().map(String::valueOf).toList()) : v);
            }
            table.row(cells);
        }
        System.out.print(table.render());
    }

    void object(final String body) {
        if (body != null) {
            System.out.println(json ? body : new JsonObject(body).encodePrettily());
        }
    }
}
