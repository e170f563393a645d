package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.webhook.WebhookDispatcher;

class WebhookAndRateLimitTest {

    @Test
    void deliveriesAreSignedRetriedThenDeadLetteredAndReplayable() throws Exception {
        final AtomicInteger failuresLeft = new AtomicInteger(2);
        final List<String[]> received = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            calls.incrementAndGet();
            final String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            if (status == 200) {
                received.add(new String[] {ex.getRequestHeaders().getFirst("Tokenta-Signature"), body});
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        try (TestExchange x = new TestExchange(GatewayConfig.defaults().withPort(0).withWebhooks(3, 10).withWebhookPrivateTargets(true))) {
            final String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            final JsonObject sub = new JsonObject(x.signed(x.buyer, "POST", "/v1/webhooks",
                    new JsonObject().put("url", url).put("events", new JsonArray().add("order.accepted")).encode()).body());
            final String secret = sub.getString("secret");
            assertEquals(200, x.signed(x.buyer, "POST", "/v1/orders", new JsonObject().put("symbol", TestExchange.SYMBOL)
                    .put("side", "BUY").put("price", "1.00").put("quantity", "1").encode()).statusCode());
            waitFor(() -> received.size() == 1);
            assertEquals(3, calls.get(), "two failures then a success");
            final String[] header = received.get(0)[0].split(",");
            final long t = Long.parseLong(header[0].substring(2));
            assertEquals(received.get(0)[0], WebhookDispatcher.signature(secret, t, received.get(0)[1]));
            assertEquals("order.accepted", new JsonObject(received.get(0)[1]).getString("type"));

            failuresLeft.set(100);
            x.signed(x.buyer, "POST", "/v1/orders", new JsonObject().put("symbol", TestExchange.SYMBOL)
                    .put("side", "BUY").put("price", "1.00").put("quantity", "2").encode());
            waitFor(() -> new JsonArray(get(x, "/v1/webhooks/dead-letters")).size() == 1);
            final JsonObject letter = new JsonArray(get(x, "/v1/webhooks/dead-letters")).getJsonObject(0);
            assertEquals(3, letter.getInteger("attempts"));
            failuresLeft.set(0);
            assertEquals(404, x.signed(x.seller, "POST", "/v1/webhooks/dead-letters/" + letter.getString("id") + "/replay",
                    "{}").statusCode(), "another account cannot replay it");
            assertEquals(200, x.signed(x.buyer, "POST", "/v1/webhooks/dead-letters/" + letter.getString("id") + "/replay",
                    "{}").statusCode());
            waitFor(() -> received.size() == 2);
            assertEquals(0, new JsonArray(get(x, "/v1/webhooks/dead-letters")).size());
        } finally {
            receiver.stop(0);
        }
    }

    private static String get(final TestExchange x, final String path) {
        try {
            return x.signed(x.buyer, "GET", path, null).body();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void privateTargetsAreRefusedByDefaultWithATypedError() throws Exception {
        try (TestExchange x = new TestExchange()) {
            for (final String[] c : new String[][] {{"http://127.0.0.1:9/hook", "loopback"}, {"http://10.0.0.7/hook", "private"},
                    {"http://169.254.169.254/latest", "link_local"}, {"http://[fd00::5]/hook", "private"},
                    {"http://224.0.0.9/hook", "multicast"}, {"http://0.0.0.0/hook", "unspecified"},
                    {"ftp://93.184.216.34/hook", "scheme"}, {"http://u:p@93.184.216.34/hook", "credentials"}}) {
                final var r = x.signed(x.buyer, "POST", "/v1/webhooks",
                        new JsonObject().put("url", c[0]).put("events", new JsonArray().add("fill")).encode());
                assertEquals(422, r.statusCode(), c[0] + " " + r.body());
                final JsonObject error = new JsonObject(r.body());
                assertEquals("WEBHOOK_TARGET_FORBIDDEN", error.getString("code"), c[0]);
                assertEquals(c[1], error.getJsonObject("details").getString("reason"), c[0]);
            }
            assertEquals("[]", get(x, "/v1/webhooks"), "nothing was registered");
        }
    }

    private static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void tokenBucketsAnswer429WithRetryAfterAndRemainingWeight() throws Exception {
        try (TestExchange x = new TestExchange(GatewayConfig.defaults().withPort(0).withRate(10, 1))) {
            int ok = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 8; i++) {
                last = x.signed(x.buyer, "GET", "/v1/fills", null); // weight 5
                if (last.statusCode() == 200) {
                    ok++;
                    assertTrue(last.headers().firstValue("X-RateLimit-Remaining-Weight").isPresent());
                } else {
                    break;
                }
            }
            assertEquals(2, ok);
            assertEquals(429, last.statusCode());
            assertEquals("RATE_LIMITED", new JsonObject(last.body()).getString("code"));
            assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        }
    }
}
