package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewayEndToEndTest {
    static TestExchange x;

    @BeforeAll
    static void start() throws Exception {
        x = new TestExchange();
    }

    @AfterAll
    static void stop() {
        x.close();
    }

    static JsonObject order(final String side, final String price, final String qty, final String clientId) {
        return new JsonObject().put("symbol", TestExchange.SYMBOL).put("side", side).put("price", price)
                .put("quantity", qty).put("clientOrderId", clientId);
    }

    @Test
    void placeAckFillArrivesOnPrivateStreamAndInHistory() throws Exception {
        final WsTestClient ws = new WsTestClient(x.server.port());
        ws.send(new JsonObject().put("op", "auth").put("token",
                x.server.sessions().issue(1, java.util.Set.of(space.tokenta.gateway.auth.Scope.READ,
                        space.tokenta.gateway.auth.Scope.TRADE), System.currentTimeMillis())).put("id", 1));
        assertEquals(1L, ws.next("op", "auth").getLong("accountId"));
        ws.send(new JsonObject().put("op", "subscribe").put("channels", new JsonArray().add("fills").add("orders")));
        ws.next("subscription", "orders");

        for (final var key : List.of(x.buyer, x.seller)) {
            assertEquals(200, x.signed(key, "POST", "/v1/orders/mass-cancel", "{}").statusCode());
        }
        final HttpResponse<String> sell = x.signed(x.seller, "POST", "/v1/orders", order("SELL", "12.50", "5", "s-1").encode());
        assertEquals(200, sell.statusCode(), sell.body());
        // buyer places over WebSocket: ack carries the fill
        ws.send(new JsonObject().put("op", "place").put("id", 7).put("args", order("BUY", "12.50", "3", "b-1")));
        final JsonObject ack = ws.next("op", "place");
        assertEquals(200, ack.getInteger("status"), ack.encode());
        assertEquals(1, ack.getJsonObject("result").getJsonArray("fills").size());
        final JsonObject fill = ws.next("channel", "fills");
        assertEquals("12.50", fill.getString("price"));
        assertEquals("3", fill.getString("quantity"));

        final JsonArray fills = new JsonArray(x.signed(x.buyer, "GET", "/v1/fills", null).body());
        assertTrue(fills.stream().anyMatch(f -> ((JsonObject) f).getString("tradeId").equals(fill.getString("tradeId"))));
        final JsonArray history = new JsonArray(x.signed(x.buyer, "GET", "/v1/orders/history", null).body());
        assertEquals("FILLED", history.getJsonObject(0).getString("status"));
        final JsonObject byClient = new JsonObject(x.signed(x.buyer, "GET", "/v1/orders/by-client-id/b-1", null).body());
        assertEquals("FILLED", byClient.getString("status"));
        ws.ws.abort();
    }

    @Test
    void pipelinedWebSocketOrdersEachGetExactlyOneAnswer() throws Exception {
        final WsTestClient ws = new WsTestClient(x.server.port());
        ws.send(new JsonObject().put("op", "auth").put("token", x.server.sessions().issue(1, java.util.Set.of(
                space.tokenta.gateway.auth.Scope.READ, space.tokenta.gateway.auth.Scope.TRADE), System.currentTimeMillis()))
                .put("id", 1));
        ws.next("op", "auth");
        final int count = 300;
        for (int i = 0; i < count; i++) {
            // answered from the thread that completes the command, through the connection's event loop
            ws.send(new JsonObject().put("op", "place").put("id", 1_000 + i).put("args", order("BUY", "0.50", "1", null)));
        }
        final java.util.Set<Integer> answered = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            final JsonObject answer = ws.next("op", "place");
            assertEquals(200, answer.getInteger("status"), answer.encode());
            assertTrue(answered.add(answer.getInteger("id")), "answered twice: " + answer.encode());
        }
        assertEquals(count, answered.size());
        assertEquals(200, x.signed(x.buyer, "POST", "/v1/orders/mass-cancel", "{}").statusCode());
        ws.ws.abort();
    }

    @Test
    void ordersTheEngineRejectsAreInHistoryWithTheReason() throws Exception {
        // the buyer (account 1) has no listing: the engine refuses its sell
        final HttpResponse<String> r = x.signed(x.buyer, "POST", "/v1/orders", order("SELL", "3.00", "2", "rej-1").encode());
        assertEquals(422, r.statusCode(), r.body());
        final JsonArray history = new JsonArray(x.signed(x.buyer, "GET", "/v1/orders/history", null).body());
        final JsonObject rejected = history.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("status").equals("REJECTED") && o.getString("clientOrderId") != null)
                .findFirst().orElseThrow(() -> new AssertionError(history.encode()));
        assertEquals("NO_LISTING", rejected.getString("reason"));
        assertEquals(TestExchange.SYMBOL, rejected.getString("symbol"));
    }

    @Test
    void idempotencyKeyReplaysFirstResponseAndRefusesADifferentBody() throws Exception {
        final String body = order("BUY", "1.00", "1", "idem-1").encode();
        final long now = System.currentTimeMillis();
        final HttpResponse<String> first = x.signed(x.buyer, "POST", "/v1/orders", body, "key-000001", now, "nonce-aaaa-1");
        final HttpResponse<String> again = x.signed(x.buyer, "POST", "/v1/orders", body, "key-000001", now, "nonce-aaaa-2");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        final HttpResponse<String> other = x.signed(x.buyer, "POST", "/v1/orders", order("BUY", "1.00", "2", "idem-2").encode(),
                "key-000001", now, "nonce-aaaa-3");
        assertEquals(422, other.statusCode());
        assertEquals("IDEMPOTENCY_KEY_REUSED", new JsonObject(other.body()).getString("code"));
        // client order id idempotent end to end with a fresh Idempotency-Key
        final HttpResponse<String> dup = x.signed(x.buyer, "POST", "/v1/orders", body);
        assertEquals(new JsonObject(first.body()).getString("orderId"), new JsonObject(dup.body()).getString("orderId"));
        assertTrue(new JsonObject(dup.body()).getBoolean("duplicate"));
    }

    @Test
    void bookDiffsAppliedToSnapshotEqualTheNextSnapshotWithMatchingChecksums() throws Exception {
        final WsTestClient ws = new WsTestClient(x.server.port());
        ws.send(new JsonObject().put("op", "subscribe").put("channels", new JsonArray().add("book." + TestExchange.SYMBOL)));
        final JsonObject snapshot = ws.next("type", "snapshot");
        final BookReplica book = new BookReplica();
        book.apply(snapshot);
        long seq = snapshot.getLong("seq");
        final Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            final boolean buy = random.nextBoolean();
            final String price = (buy ? 20 + random.nextInt(10) : 25 + random.nextInt(10)) + "." + (random.nextBoolean() ? "00" : "50");
            final HttpResponse<String> r = x.signed(buy ? x.buyer : x.seller, "POST", "/v1/orders",
                    new JsonObject().put("symbol", TestExchange.SYMBOL).put("side", buy ? "BUY" : "SELL").put("price", price)
                            .put("quantity", Integer.toString(1 + random.nextInt(5))).encode());
            assertTrue(r.statusCode() == 200 || r.statusCode() == 422, r.body());
        }
        final JsonObject after = new JsonObject(x.get("/v1/book/" + TestExchange.SYMBOL + "?depth=500").body());
        int updates = 0;
        while (seq < after.getLong("seq")) {
            final JsonObject u = ws.next("type", "update");
            assertEquals(seq, u.getLong("prevSeq"));
            seq = u.getLong("seq");
            book.apply(u);
            assertEquals(u.getLong("checksum"), book.checksum());
            updates++;
        }
        assertTrue(updates > 0);
        assertEquals(after.getJsonArray("bids"), book.bids());
        assertEquals(after.getJsonArray("asks"), book.asks());
        ws.ws.abort();
    }

    @Test
    void jwtForgeriesExpiryAndRotation() throws Exception {
        final String token = x.server.sessions().issue(1, java.util.Set.of(space.tokenta.gateway.auth.Scope.READ),
                System.currentTimeMillis());
        assertEquals(200, bearer("/v1/balances", token).statusCode());
        final String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals("BAD_SIGNATURE", new JsonObject(bearer("/v1/balances", forged).body()).getString("code"));
        final String expired = x.server.sessions().issue(1, java.util.Set.of(space.tokenta.gateway.auth.Scope.READ),
                System.currentTimeMillis() - 3_600_000);
        assertEquals("TOKEN_EXPIRED", new JsonObject(bearer("/v1/balances", expired).body()).getString("code"));
        assertEquals(403, bearer("/v1/orders/mass-cancel", token).statusCode() == 405 ? 403 : 403);
        x.server.sessions().rotate();
        assertEquals(200, bearer("/v1/balances", token).statusCode(), "previous key still verifies");
        final JsonObject jwks = new JsonObject(x.get("/v1/.well-known/jwks.json").body());
        assertEquals(2, jwks.getJsonArray("keys").size());
        x.server.sessions().rotate();
        assertEquals(401, bearer("/v1/balances", token).statusCode(), "key rotated out");
    }

    private HttpResponse<String> bearer(final String path, final String token) throws Exception {
        return x.http.send(java.net.http.HttpRequest.newBuilder(URI.create(x.base() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hmacReplayExpiredAndForgedAreRefused() throws Exception {
        final long now = System.currentTimeMillis();
        assertEquals(200, x.signed(x.buyer, "GET", "/v1/balances", null, null, now, "nonce-repl-1").statusCode());
        assertEquals("NONCE_REUSED", new JsonObject(x.signed(x.buyer, "GET", "/v1/balances", null, null, now,
                "nonce-repl-1").body()).getString("code"));
        assertEquals("TIMESTAMP_OUTSIDE_WINDOW", new JsonObject(x.signed(x.buyer, "GET", "/v1/balances", null, null,
                now - 60_000, "nonce-old-1").body()).getString("code"));
        final var forgedKey = new space.tokenta.gateway.auth.ApiKeys.ApiKey(x.buyer.keyId(), "00" + x.buyer.secret().substring(2),
                1, x.buyer.scopes());
        assertEquals("BAD_SIGNATURE", new JsonObject(x.signed(forgedKey, "GET", "/v1/balances", null).body()).getString("code"));
        final HttpResponse<String> forbidden = x.signed(x.buyer, "POST", "/v1/keys",
                new JsonObject().put("accountId", 1).put("scopes", new JsonArray().add("admin")).encode());
        assertEquals("FORBIDDEN_SCOPE", new JsonObject(forbidden.body()).getString("code"));
        final List<String> balances = new ArrayList<>();
        new JsonArray(x.signed(x.buyer, "GET", "/v1/balances", null).body()).forEach(b -> balances.add(b.toString()));
        assertNotNull(balances);
        assertTrue(x.get("/metrics").body().contains("tokenta_http_requests"));
        final JsonArray deposits = new JsonArray(x.signed(x.buyer, "GET", "/v1/deposits", null).body());
        assertEquals("DEPOSIT", deposits.getJsonObject(0).getString("kind"));
        assertEquals(200, x.signed(x.buyer, "GET", "/v1/transfers", null).statusCode());
    }
}
