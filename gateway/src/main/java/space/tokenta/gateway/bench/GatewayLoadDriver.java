package space.tokenta.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.HmacSigner;

/**
 * Open-loop load driver against a running gateway (see gateway/README.md): orders are sent on a fixed
 * schedule and each latency is measured from the order's intended send time (coordinated omission
 * corrected). WebSocket: a seller rests SELL 1 @ 1.00 and a buyer takes it with BUY 1 @ 1.00, so
 * every buy fills; records order→ack and order→fill-event (buyer's private fills channel). REST:
 * order→ack of the same pairs. Prints p50/p99/p99.9 per rate and the highest rate sustained.
 */
public final class GatewayLoadDriver {
    private GatewayLoadDriver() {
    }

    record Key(String id, String secret) {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String[]> lines = new HashMap<>();
        for (final String line : Files.readAllLines(Path.of(args[0]))) {
            final String[] parts = line.trim().split(" ");
            lines.put(parts[0], parts);
        }
        final int port = Integer.parseInt(lines.get("port")[1]);
        final Key buyer = new Key(lines.get("buyer")[1], lines.get("buyer")[2]);
        final Key seller = new Key(lines.get("seller")[1], lines.get("seller")[2]);
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final int[] rates = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 2_000, 5_000, 10_000};
        System.out.println("transport  rate/s  sent  acks   ack p50/p99/p99.9 us        fills  fill p50/p99/p99.9 us");
        int sustainedWs = 0;
        for (final int rate : rates) {
            if (runWebSocket(port, buyer, seller, rate, seconds)) {
                sustainedWs = rate;
            }
        }
        int sustainedRest = 0;
        for (final int rate : rates) {
            if (runRest(port, buyer, seller, Math.min(rate, 5_000), seconds)) {
                sustainedRest = Math.min(rate, 5_000);
            }
        }
        System.out.println("sustained (all acks back, p99 < 10 ms): websocket " + sustainedWs + "/s, rest " + sustainedRest + "/s");
    }

    static final class Conn implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final ConcurrentHashMap<Long, Long> sentAtNs = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Long> orderSentNs = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Long> fillSeenNs = new ConcurrentHashMap<>();
        final Histogram ack = new Histogram(60_000_000_000L, 3);
        final Histogram fill = new Histogram(60_000_000_000L, 3);
        final AtomicLong acks = new AtomicLong();
        final AtomicLong fills = new AtomicLong();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                final long now = System.nanoTime();
                final JsonObject m = new JsonObject(partial.toString());
                partial.setLength(0);
                if ("place".equals(m.getString("op"))) {
                    final Long sent = sentAtNs.remove(m.getLong("id"));
                    if (sent != null) {
                        synchronized (ack) {
                            ack.recordValue(Math.max(0, now - sent) / 1000);
                        }
                        acks.incrementAndGet();
                        final JsonObject result = m.getJsonObject("result");
                        if (result != null && result.getString("orderId") != null) {
                            final String orderId = result.getString("orderId");
                            final Long seen = fillSeenNs.remove(orderId);
                            if (seen != null) {
                                recordFill(seen - sent);
                            } else {
                                orderSentNs.put(orderId, sent);
                            }
                        }
                    }
                } else if ("fills".equals(m.getString("channel"))) {
                    final String orderId = m.getString("orderId");
                    final Long sent = orderSentNs.remove(orderId);
                    if (sent != null) {
                        recordFill(now - sent);
                    } else {
                        fillSeenNs.put(orderId, now);
                    }
                }
            }
            w.request(1);
            return null;
        }

        void recordFill(final long ns) {
            synchronized (fill) {
                fill.recordValue(Math.max(0, ns) / 1000);
            }
            fills.incrementAndGet();
        }
    }

    static Conn connect(final int port, final Key key) throws Exception {
        final Conn c = new Conn();
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), c)
                .get(5, TimeUnit.SECONDS);
        final long ts = System.currentTimeMillis();
        final String nonce = "bench" + System.nanoTime();
        final String sig = HmacSigner.sign(key.secret(), ts, nonce, "GET", "/v1/ws", "", new byte[0]);
        c.ws.sendText(new JsonObject().put("op", "auth").put("key", key.id()).put("timestamp", Long.toString(ts))
                .put("nonce", nonce).put("signature", sig).encode(), true).join();
        c.ws.sendText("{\"op\":\"subscribe\",\"channels\":[\"fills\"]}", true).join();
        Thread.sleep(200);
        return c;
    }

    static String order(final String side) {
        return "{\"symbol\":\"GPT-FT-04\",\"side\":\"" + side + "\",\"price\":\"1.00\",\"quantity\":\"1\"}";
    }

    static boolean runWebSocket(final int port, final Key buyer, final Key seller, final int rate, final int seconds)
            throws Exception {
        final Conn s = connect(port, seller);
        final Conn b = connect(port, buyer);
        final String sell = order("SELL");
        final String buy = order("BUY");
        final long total = (long) rate * seconds;
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < total; i++) {
            final long intended = start + i * intervalNs;
            while (System.nanoTime() < intended) {
                LockSupport.parkNanos(Math.max(1_000, intended - System.nanoTime() - 20_000));
            }
            final boolean isSell = (i & 1) == 0;
            final Conn c = isSell ? s : b;
            c.sentAtNs.put(i, intended);
            c.ws.sendText("{\"op\":\"place\",\"id\":" + i + ",\"args\":" + (isSell ? sell : buy) + "}", true);
        }
        final long deadline = System.currentTimeMillis() + 10_000;
        while (s.acks.get() + b.acks.get() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        final Histogram ack = new Histogram(60_000_000_000L, 3);
        ack.add(s.ack);
        ack.add(b.ack);
        print("websocket", rate, total, s.acks.get() + b.acks.get(), ack, b.fills.get(), b.fill);
        s.ws.abort();
        b.ws.abort();
        return s.acks.get() + b.acks.get() == total && ack.getValueAtPercentile(99) < 10_000;
    }

    static boolean runRest(final int port, final Key buyer, final Key seller, final int rate, final int seconds)
            throws Exception {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        final Histogram ack = new Histogram(60_000_000_000L, 3);
        final AtomicLong acks = new AtomicLong();
        final long total = (long) rate * seconds;
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < total; i++) {
            final long intended = start + i * intervalNs;
            while (System.nanoTime() < intended) {
                LockSupport.parkNanos(Math.max(1_000, intended - System.nanoTime() - 20_000));
            }
            final boolean isSell = (i & 1) == 0;
            final Key key = isSell ? seller : buyer;
            final byte[] body = order(isSell ? "SELL" : "BUY").getBytes(StandardCharsets.UTF_8);
            final long ts = System.currentTimeMillis();
            final String nonce = "rest" + i + "x" + start;
            final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                    .header(GatewayServer.HEADER_KEY, key.id()).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                    .header(GatewayServer.HEADER_NONCE, nonce)
                    .header(GatewayServer.HEADER_SIGNATURE, HmacSigner.sign(key.secret(), ts, nonce, "POST", "/v1/orders", "", body))
                    .header("Idempotency-Key", nonce).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
                final long now = System.nanoTime();
                if (r.statusCode() == 200) {
                    synchronized (ack) {
                        ack.recordValue(Math.max(0, now - intended) / 1000);
                    }
                    acks.incrementAndGet();
                }
            });
        }
        final long deadline = System.currentTimeMillis() + 15_000;
        while (acks.get() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        print("rest", rate, total, acks.get(), ack, 0, new Histogram(1_000, 1));
        return acks.get() == total && ack.getValueAtPercentile(99) < 10_000;
    }

    static void print(final String transport, final int rate, final long sent, final long acks, final Histogram ack,
            final long fills, final Histogram fill) {
        System.out.printf("%-9s %7d %6d %6d   %8d %8d %8d   %6d   %8d %8d %8d%n", transport, rate, sent, acks,
                ack.getValueAtPercentile(50), ack.getValueAtPercentile(99), ack.getValueAtPercentile(99.9), fills,
                fill.getValueAtPercentile(50), fill.getValueAtPercentile(99), fill.getValueAtPercentile(99.9));
        System.out.flush();
    }
}
