package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** exec_log lines carry consecutive seqs; a client back with {@code since} gets exactly what it missed. */
class ExecLogResyncTest {
    static TestExchange x;

    @BeforeAll
    static void start() throws Exception {
        x = new TestExchange();
    }

    @AfterAll
    static void stop() {
        x.close();
    }

    private static void place(final String side, final String price, final String clientId) throws Exception {
        final HttpResponse<String> r = x.signed(side.equals("BUY") ? x.buyer : x.seller, "POST", "/v1/orders",
                GatewayEndToEndTest.order(side, price, "1", clientId).encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonObject subscribe(final WsTestClient ws, final JsonObject since) throws Exception {
        final JsonObject msg = new JsonObject().put("op", "subscribe").put("id", 1).put("channels", new JsonArray().add("exec_log"));
        if (since != null) {
            msg.put("since", since);
        }
        ws.send(msg);
        return ws.next("subscription", "exec_log");
    }

    @Test
    void missedLinesAreReplayedInOrderThenLiveLinesFollow() throws Exception {
        final WsTestClient first = new WsTestClient(x.server.port());
        subscribe(first, null);
        place("SELL", "20.00", "x-s1");
        place("BUY", "20.00", "x-b1");
        final List<JsonObject> seen = new ArrayList<>();
        do {
            seen.add(first.next("channel", "exec_log"));
        } while (!seen.get(seen.size() - 1).getString("code").equals("FILL"));
        // OPEN (sell), OPEN (buy), FILL: numbered consecutively
        for (int n = 1; n < seen.size(); n++) {
            assertEquals(seen.get(n - 1).getLong("seq") + 1, seen.get(n).getLong("seq"));
            assertEquals("update", seen.get(n).getString("type"));
        }
        final long lastSeen = seen.get(seen.size() - 1).getLong("seq");
        first.ws.abort();

        place("SELL", "21.00", "x-s2");
        place("SELL", "22.00", "x-s3");
        place("BUY", "21.00", "x-b2");

        final WsTestClient back = new WsTestClient(x.server.port());
        subscribe(back, new JsonObject().put("exec_log", lastSeen));
        final JsonObject replay = back.next("type", "replay");
        final JsonArray rows = replay.getJsonArray("rows");
        assertEquals(List.of("OPEN", "OPEN", "OPEN", "FILL"), rows.stream().map(r -> ((JsonObject) r).getString("code")).toList());
        for (int n = 0; n < rows.size(); n++) {
            assertEquals(lastSeen + 1 + n, rows.getJsonObject(n).getLong("seq"));
        }
        assertEquals(lastSeen + 4, replay.getLong("seq"));
        place("BUY", "22.00", "x-b3");
        final JsonObject liveOpen = back.next("type", "update");
        assertEquals(lastSeen + 5, liveOpen.getLong("seq"));
        assertEquals("OPEN", liveOpen.getString("code"));
        final JsonObject liveFill = back.next("type", "update");
        assertEquals(lastSeen + 6, liveFill.getLong("seq"));
        assertEquals("FILL", liveFill.getString("code"));

        // nothing missed: an empty replay; from before this gateway's numbering or from the future: reset
        final WsTestClient upToDate = new WsTestClient(x.server.port());
        subscribe(upToDate, new JsonObject().put("exec_log", lastSeen + 6));
        final JsonObject none = upToDate.next("type", "replay");
        assertTrue(none.getJsonArray("rows").isEmpty());
        for (final long since : new long[] {0, lastSeen + 1_000}) {
            final WsTestClient lost = new WsTestClient(x.server.port());
            subscribe(lost, new JsonObject().put("exec_log", since));
            final JsonObject reset = lost.next("type", "reset");
            assertEquals(since, reset.getLong("seq"));
            lost.ws.abort();
        }
        final WsTestClient bad = new WsTestClient(x.server.port());
        bad.send(new JsonObject().put("op", "subscribe").put("id", 9).put("channels", new JsonArray().add("exec_log"))
                .put("since", new JsonObject().put("exec_log", "yesterday")));
        assertEquals("INVALID_FIELD", bad.next("id", "9").getString("code"));
        for (final WsTestClient c : List.of(back, upToDate, bad)) {
            c.ws.abort();
        }
    }
}
