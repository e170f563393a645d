package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import space.tokenta.gateway.api.ErrorCode;
import space.tokenta.gateway.api.Route;
import space.tokenta.gateway.auth.Scope;

/**
 * Every route with bad input: every answer is a 4xx with a typed code, never a 5xx, and the
 * engine's state hash does not change.
 */
class BadInputProperties {
    static TestExchange x;
    static long hashBefore;
    static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    static final String USED_NONCE = "used-nonce-0001";

    enum Corruption { MALFORMED_JSON, WRONG_TYPES, HUGE_BODY, UNKNOWN_FIELD, BAD_SIGNATURE, EXPIRED_TIMESTAMP,
        REPLAYED_NONCE, NO_CREDENTIALS, NO_IDEMPOTENCY_KEY, BAD_PATH_PARAM }

    @BeforeContainer
    static void start() throws Exception {
        x = new TestExchange(GatewayConfig.defaults().withPort(0).withRate(1_000_000, 1_000_000), 0);
        assertEquals(200, x.signed(x.buyer, "GET", "/v1/balances", null, null, System.currentTimeMillis(), USED_NONCE)
                .statusCode());
        hashBefore = x.stateHash();
    }

    @AfterContainer
    static void stop() {
        x.close();
    }

    @Provide
    Arbitrary<Route> routes() {
        return Arbitraries.of(x.server.routes().stream().filter(r -> r.scope() != Scope.PUBLIC).toList());
    }

    @Property(tries = 300, seed = "20261124")
    void badInputIsATyped4xxAndChangesNothing(@ForAll("routes") final Route route,
            @ForAll final Corruption corruption, @ForAll final boolean adminKey) throws Exception {
        final String method = route.method().name();
        String path = route.pattern().replace("{orderId}", "1").replace("{deadLetterId}", "dl_1").replace("{clientOrderId}", "c-1")
                .replace("{symbol}", TestExchange.SYMBOL).replace("{escrowId}", "ESC-1");
        String body = method.equals("POST") ? "{}" : null;
        long ts = System.currentTimeMillis();
        String nonce = "n" + System.nanoTime();
        String idem = "idem-" + System.nanoTime();
        var key = x.buyer;
        switch (corruption) {
            case MALFORMED_JSON -> body = "{\"symbol\": \"GPT-FT-04\", \"side\": ";
            case WRONG_TYPES -> body = "{\"symbol\":[1],\"price\":{},\"quantity\":true,\"timeoutMs\":\"x\",\"scopes\":5,"
                    + "\"accountId\":\"abc\"}";
            case HUGE_BODY -> body = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
            case UNKNOWN_FIELD -> body = "{\"unknownField\":1}";
            case BAD_SIGNATURE -> key = new space.tokenta.gateway.auth.ApiKeys.ApiKey(x.buyer.keyId(), "ff", 1,
                    x.buyer.scopes());
            case EXPIRED_TIMESTAMP -> ts -= 600_000;
            case REPLAYED_NONCE -> nonce = USED_NONCE;
            case NO_IDEMPOTENCY_KEY -> idem = null;
            case BAD_PATH_PARAM -> path = path.replace("/1/", "/-1/").replace("c-1", "bad!id")
                    .replace(TestExchange.SYMBOL, "NOPE");
            case NO_CREDENTIALS -> key = null;
        }
        if (corruption == Corruption.NO_IDEMPOTENCY_KEY && !method.equals("POST")) {
            body = "{}"; // a GET with a body is bad input too
        }
        if (corruption == Corruption.BAD_PATH_PARAM && !route.pattern().contains("{")) {
            body = "[1,2]";
            if (method.equals("GET")) {
                body = "x";
            }
        }
        final HttpResponse<String> response;
        if (key == null) {
            final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(x.base() + path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            response = x.http.send(b.header("Idempotency-Key", idem).build(), HttpResponse.BodyHandlers.ofString());
        } else {
            response = x.signed(adminKey && key == x.buyer ? x.buyer : key, method, path, body, idem, ts, nonce);
        }
        final int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, route + " " + corruption + " -> " + status + " " + response.body());
        final JsonObject error = new JsonObject(response.body());
        assertTrue(CODES.contains(error.getString("code")), response.body());
        assertTrue(error.containsKey("message") && error.containsKey("details"), response.body());
        assertEquals(hashBefore, x.stateHash(), "engine state changed by " + route + " " + corruption);
    }

    @Property(tries = 1)
    void everyNonPublicRouteRefusesMissingScope() throws Exception {
        final var readOnly = x.server.apiKeys().create(1, Set.of(Scope.READ));
        for (final Route route : x.server.routes()) {
            if (route.scope() == Scope.PUBLIC || route.scope() == Scope.READ) {
                continue;
            }
            final String path = route.pattern().replace("{orderId}", "1").replace("{deadLetterId}", "dl_1").replace("{clientOrderId}", "c-1")
                    .replace("{symbol}", TestExchange.SYMBOL).replace("{escrowId}", "ESC-1");
            final HttpResponse<String> r = x.signed(readOnly, route.method().name(), path,
                    route.method().name().equals("POST") ? "{}" : null);
            assertEquals(403, r.statusCode(), route.pattern());
            assertEquals("FORBIDDEN_SCOPE", new JsonObject(r.body()).getString("code"));
        }
        final var none = x.server.apiKeys().create(1, Set.of(Scope.ATTEST));
        for (final Route route : x.server.routes()) {
            if (route.scope() == Scope.READ) {
                final HttpResponse<String> r = x.signed(none, route.method().name(), route.pattern()
                        .replace("{orderId}", "1").replace("{deadLetterId}", "dl_1").replace("{clientOrderId}", "c-1"), route.method().name().equals("POST") ? "{}" : null);
                assertEquals(403, r.statusCode(), route.pattern());
            }
        }
        assertEquals(hashBefore, x.stateHash());
        assertTrue(List.of(Scope.values()).size() == 7);
    }
}
