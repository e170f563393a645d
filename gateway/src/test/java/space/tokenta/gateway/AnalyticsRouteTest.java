package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/analytics/summary} on the in-process exchange: figures of real fills, typed errors for bad input. */
class AnalyticsRouteTest {
    static JsonObject order(final String side, final String price, final String qty) {
        return new JsonObject().put("symbol", TestExchange.SYMBOL).put("side", side).put("type", "LIMIT")
                .put("price", price).put("quantity", qty).put("timeInForce", "GTC");
    }

    @Test
    void summarisesTheFillsOfTheWindowAndRejectsBadInput() throws Exception {
        try (TestExchange x = new TestExchange()) {
            final JsonObject empty = new JsonObject(x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL).body());
            assertEquals(86_400, empty.getLong("windowSec"));
            assertEquals(0, empty.getLong("trades"));
            assertNull(empty.getValue("vwap"));

            assertEquals(200, x.signed(x.seller, "POST", "/v1/orders", order("SELL", "12.50", "5").encode()).statusCode());
            assertEquals(200, x.signed(x.seller, "POST", "/v1/orders", order("SELL", "13.00", "5").encode()).statusCode());
            assertEquals(200, x.signed(x.buyer, "POST", "/v1/orders", order("BUY", "13.00", "7").encode()).statusCode());

            final JsonObject s = new JsonObject(x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL
                    + "&windowSec=3600").body());
            assertEquals(TestExchange.SYMBOL, s.getString("symbol"), s.encode());
            assertEquals(3_600, s.getLong("windowSec"));
            assertEquals(2, s.getLong("trades"), s.encode());
            assertEquals(7, s.getLong("volumeLots"));
            assertEquals("88.50", s.getString("notional")); // 5 × 12.50 + 2 × 13.00
            assertEquals("12.6429", s.getString("vwap")); // 88.50 / 7
            for (final String absent : new String[] {"escrowNotionalOpen", "escrowNotionalReleased",
                    "settlementLatencyP50Ms", "settlementLatencyP99Ms", "verificationPassRate", "verificationRuns"}) {
                assertEquals(true, s.containsKey(absent) && s.getValue(absent) == null, absent + " " + s.encode());
            }

            assertEquals(400, x.get("/v1/analytics/summary").statusCode());
            assertEquals("MISSING_FIELD", new JsonObject(x.get("/v1/analytics/summary").body()).getString("code"));
            assertEquals(400, x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL + "&windowSec=59").statusCode());
            assertEquals(400, x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL + "&windowSec=604801").statusCode());
            assertEquals(400, x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL + "&windowSec=1h").statusCode());
            assertEquals(200, x.get("/v1/analytics/summary?symbol=" + TestExchange.SYMBOL + "&windowSec=604800").statusCode());
            final var unknown = x.get("/v1/analytics/summary?symbol=NOPE");
            assertEquals("UNKNOWN_SYMBOL", new JsonObject(unknown.body()).getString("code"), unknown.body());
        }
    }
}
