package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code candles.SYM.INTERVAL}: snapshot of the current candle, an update per trade, equal to REST. */
class CandleChannelTest {
    static TestExchange x;

    @BeforeAll
    static void start() throws Exception {
        x = new TestExchange();
    }

    @AfterAll
    static void stop() {
        x.close();
    }

    private static JsonObject restNewest(final long interval) throws Exception {
        final HttpResponse<String> r = x.get("/v1/candles/" + TestExchange.SYMBOL + "?interval=" + interval + "&limit=1");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonArray(r.body()).getJsonObject(0);
    }

    private static void trade(final String price, final String qty, final String tag) throws Exception {
        final HttpResponse<String> sell = x.signed(x.seller, "POST", "/v1/orders",
                GatewayEndToEndTest.order("SELL", price, qty, "cs-" + tag).encode());
        assertEquals(200, sell.statusCode(), sell.body());
        final HttpResponse<String> buy = x.signed(x.buyer, "POST", "/v1/orders",
                GatewayEndToEndTest.order("BUY", price, qty, "cb-" + tag).encode());
        assertEquals(200, buy.statusCode(), buy.body());
    }

    @Test
    void snapshotThenAnUpdatePerTradeMatchingTheRestCandle() throws Exception {
        for (final var key : java.util.List.of(x.buyer, x.seller)) {
            assertEquals(200, x.signed(key, "POST", "/v1/orders/mass-cancel", "{}").statusCode());
        }
        trade("12.00", "1", "0");
        final String channel = "candles." + TestExchange.SYMBOL + ".60";
        final WsTestClient ws = new WsTestClient(x.server.port());
        ws.send(new JsonObject().put("op", "subscribe").put("id", 1).put("channels", new JsonArray().add(channel)
                .add("candles." + TestExchange.SYMBOL + ".3600")));
        assertEquals(channel, ws.next("subscription", channel).getString("subscription"));
        // the two series are seeded in parallel: their snapshots may come in either order
        final JsonObject snapshot = ws.next("channel", channel);
        assertEquals("snapshot", snapshot.getString("type"));
        assertEquals(restNewest(60), snapshot.getJsonObject("candle"));

        final String[] prices = {"12.40", "11.90", "12.10"};
        for (int n = 0; n < prices.length; n++) {
            trade(prices[n], Integer.toString(n + 1), "u" + n);
            JsonObject update;
            do {
                update = ws.next("type", "update");
            } while (!update.getString("channel").equals(channel));
            assertEquals(prices[n], update.getJsonObject("candle").getString("close"));
        }
        // the last update carries the candle as REST serves it (same bucket unless a minute boundary passed)
        JsonObject last = restNewest(60);
        final WsTestClient late = new WsTestClient(x.server.port());
        late.send(new JsonObject().put("op", "subscribe").put("id", 2).put("channels", new JsonArray().add(channel)));
        assertEquals(last, late.next("type", "snapshot").getJsonObject("candle"));
        final JsonObject hourly = restNewest(3_600);
        JsonObject hourUpdate;
        do {
            hourUpdate = ws.next("type", "update");
        } while (!hourUpdate.getString("channel").endsWith(".3600")
                || !hourUpdate.getJsonObject("candle").getString("close").equals("12.10"));
        assertEquals(hourly, hourUpdate.getJsonObject("candle"));
        ws.ws.abort();
        late.ws.abort();
    }

    @Test
    void unsupportedIntervalsAndSymbolsAreTypedErrors() throws Exception {
        final WsTestClient ws = new WsTestClient(x.server.port());
        for (final String bad : new String[] {"candles." + TestExchange.SYMBOL + ".61", "candles." + TestExchange.SYMBOL,
                "candles." + TestExchange.SYMBOL + ".60.1", "candles." + TestExchange.SYMBOL + ".-60",
                "candles." + TestExchange.SYMBOL + ".99999999999999999999"}) {
            ws.send(new JsonObject().put("op", "subscribe").put("id", bad).put("channels", new JsonArray().add(bad)));
            final JsonObject error = ws.next("id", bad);
            assertEquals("error", error.getString("op"), bad);
            assertEquals("INVALID_FIELD", error.getString("code"), bad);
        }
        ws.send(new JsonObject().put("op", "subscribe").put("id", "sym").put("channels", new JsonArray().add("candles.NOPE.60")));
        assertEquals("UNKNOWN_SYMBOL", ws.next("id", "sym").getString("code"));
        assertTrue(x.get("/v1/candles/" + TestExchange.SYMBOL + "?interval=61").statusCode() == 400);
        ws.ws.abort();
    }
}
