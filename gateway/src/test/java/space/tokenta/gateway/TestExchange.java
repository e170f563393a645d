package space.tokenta.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.HmacSigner;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.demo.GatewayDemo;
import space.tokenta.gateway.inprocess.InProcessExchange;
import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.gateway.port.RpcNodes;

/** A started gateway on an in-process exchange with one instrument, a buyer and a seller. */
final class TestExchange implements AutoCloseable {
    static final String SYMBOL = GatewayDemo.SYMBOL;
    final InProcessExchange exchange;
    final GatewayServer server;
    final ApiKeys.ApiKey buyer;
    final ApiKeys.ApiKey seller;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestExchange() throws Exception {
        this(GatewayConfig.defaults().withPort(0));
    }

    TestExchange(final GatewayConfig config) throws Exception {
        this(config, InProcessExchange.DEFAULT_TIME_TICK_INTERVAL_MS);
    }

    TestExchange(final GatewayConfig config, final long timeTickIntervalMs) throws Exception {
        this(config, timeTickIntervalMs, EscrowDisputes.NONE);
    }

    /** With a settlement port for the dispute route. */
    TestExchange(final EscrowDisputes disputes) throws Exception {
        this(GatewayConfig.defaults().withPort(0), InProcessExchange.DEFAULT_TIME_TICK_INTERVAL_MS, disputes);
    }

    private TestExchange(final GatewayConfig config, final long timeTickIntervalMs, final EscrowDisputes disputes)
            throws Exception {
        exchange = new InProcessExchange(timeTickIntervalMs);
        GatewayDemo.seed(exchange, 2, 1_000_000_000L, 1_000_000_000_000L, 100_000);
        server = GatewayServer.start(new Ports(exchange, exchange, exchange.readModels(), RpcNodes.NONE, disputes),
                config);
        buyer = server.apiKeys().create(1, EnumSet.of(Scope.READ, Scope.TRADE));
        seller = server.apiKeys().create(2, EnumSet.of(Scope.READ, Scope.TRADE));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(final ApiKeys.ApiKey key, final String method, final String pathAndQuery,
            final String body) throws Exception {
        return signed(key, method, pathAndQuery, body, UUID.randomUUID().toString(), System.currentTimeMillis(),
                UUID.randomUUID().toString().replace("-", ""));
    }

    HttpResponse<String> signed(final ApiKeys.ApiKey key, final String method, final String pathAndQuery,
            final String body, final String idempotencyKey, final long ts, final String nonce) throws Exception {
        final int q = pathAndQuery.indexOf('?');
        final String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        final String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final String sig = HmacSigner.sign(key.secret(), ts, nonce, method, path, query, bytes);
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .header(GatewayServer.HEADER_KEY, key.keyId()).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                .header(GatewayServer.HEADER_NONCE, nonce).header(GatewayServer.HEADER_SIGNATURE, sig)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (method.equals("POST") && idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    long stateHash() throws Exception {
        return exchange.stateHash().get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
        exchange.close();
    }
}
