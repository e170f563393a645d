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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.HmacSigner;

/**
 * Open-loop load driver against a running gateway (see gateway/README.md), run as its own process on
 * loopback: orders go out on a fixed schedule and each latency counts from the order's intended send
 * time (coordinated omission corrected) into HdrHistograms. A seller rests SELL 1 @ 1.00 and a buyer
 * takes it with BUY 1 @ 1.00, alternately, so every buy fills. Records order→ack (both sides) and
 * order→fill-event (the buy until the buyer's private {@code fills} channel reports it), over WebSocket
 * order entry and over REST {@code POST /v1/orders} (fills still observed on the buyer's WebSocket).
 * Prints p50/p99/p99.9/max per rate and the highest rate sustained.
 */
@Command(name = "gateway-load-driver", mixinStandardHelpOptions = true,
        description = "Open-loop order load against a running gateway (order→ack, order→fill-event).")
public final class GatewayLoadDriver implements Callable<Integer> {
    /** Histograms track up to a minute, 3 significant digits, in microseconds. */
    static final long MAX_LATENCY_US = 60_000_000L;
    /** A rate counts as sustained when every order was answered and p99 order→ack stayed under this. */
    static final long SUSTAINED_P99_US = 10_000;
    static final int MAX_RATE_PER_S = 200_000;
    static final int MAX_DURATION_S = 600;
    static final int MAX_RATES = 32;
    static final long DRAIN_TIMEOUT_MS = 15_000;
    static final long CONNECT_TIMEOUT_S = 30;
    static final String SYMBOL = "GPT-FT-04";
    /**
     * The warm-up runs at the highest rate asked for, capped here: a few hundred orders (2 s at 200/s) leave the
     * path interpreted and measure the JIT, not the gateway; some ten thousand get it compiled.
     */
    static final int WARMUP_MAX_RATE_PER_S = 5_000;
    /** REST warms up at most at this rate: past it this machine's HTTP/1.1 client opens connections faster than they drain. */
    static final int WARMUP_MAX_REST_RATE_PER_S = 1_000;

    @Option(names = "--credentials", required = true, paramLabel = "FILE",
            description = "lines 'port N', 'buyer KEY SECRET', 'seller KEY SECRET' (as up's dev-credentials)")
    Path credentials;

    @Option(names = "--url", paramLabel = "URL", description = "the gateway (default: 127.0.0.1 at the file's port)")
    String url;

    @Option(names = "--rates", split = ",", paramLabel = "PER_S", description = "order rates (default ${DEFAULT-VALUE})")
    List<Integer> rates = List.of(1_000, 5_000, 10_000);

    @Option(names = "--duration-s", paramLabel = "S", description = "seconds per rate (default ${DEFAULT-VALUE})")
    int durationS = 3;

    @Option(names = "--warmup-s", paramLabel = "S",
            description = "seconds of unrecorded load before measuring, at the highest rate (at most "
                    + WARMUP_MAX_RATE_PER_S + "/s over WebSocket, " + WARMUP_MAX_REST_RATE_PER_S
                    + "/s over REST) so the JIT has compiled both JVMs' order path (default ${DEFAULT-VALUE})")
    int warmupS = 2;

    @Option(names = "--transport", paramLabel = "ws|rest|both", description = "(default ${DEFAULT-VALUE})")
    String transport = "both";

    record Key(String id, String secret) {
    }

    record Outcome(long sent, long acks, Histogram ack, long fills, Histogram fill) {
        boolean sustained() {
            return acks == sent && ack.getValueAtPercentile(99) < SUSTAINED_P99_US;
        }
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new GatewayLoadDriver()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final String invalid = invalidArguments(rates, durationS, warmupS, transport);
        if (invalid != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), invalid);
        }
        final Map<String, String[]> lines = new HashMap<>();
        for (final String line : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
            final String[] parts = line.trim().split(" ");
            lines.put(parts[0], parts);
        }
        final URI base = URI.create(url != null ? url : "http://127.0.0.1:" + lines.get("port")[1]);
        final Key buyer = new Key(lines.get("buyer")[1], lines.get("buyer")[2]);
        final Key seller = new Key(lines.get("seller")[1], lines.get("seller")[2]);
        final boolean ws = !transport.equals("rest");
        final boolean rest = !transport.equals("ws");
        System.out.printf("gateway %s, %s %s, %d s per rate (after %d s warm-up), latencies in us from the intended"
                + " send time%n", base, SYMBOL, "BUY/SELL 1 @ 1.00 alternating", durationS, warmupS);
        if (warmupS > 0) {
            final int highest = rates.stream().mapToInt(Integer::intValue).max().orElse(1);
            if (ws) {
                runWebSocket(base, buyer, seller, Math.min(WARMUP_MAX_RATE_PER_S, highest), warmupS);
            }
            if (rest) {
                runRest(base, buyer, seller, Math.min(WARMUP_MAX_REST_RATE_PER_S, highest), warmupS);
            }
        }
        System.out.println("transport  rate/s    sent    acks |  ack p50    p99  p99.9      max |  fills | fill p50    p99"
                + "  p99.9      max");
        int sustainedWs = 0;
        int sustainedRest = 0;
        for (final int rate : rates) {
            if (ws) {
                final Outcome o = runWebSocket(base, buyer, seller, rate, durationS);
                print("websocket", rate, o);
                sustainedWs = o.sustained() ? Math.max(sustainedWs, rate) : sustainedWs;
            }
            if (rest) {
                final Outcome o = runRest(base, buyer, seller, rate, durationS);
                print("rest", rate, o);
                sustainedRest = o.sustained() ? Math.max(sustainedRest, rate) : sustainedRest;
            }
        }
        System.out.printf("sustained (every order answered, ack p99 < %d ms):%s%s%n", SUSTAINED_P99_US / 1_000,
                ws ? " websocket " + sustainedWs + "/s" : "", rest ? " rest " + sustainedRest + "/s" : "");
        REFUSALS.forEach((status, count) -> System.out.printf("answers with status %d: %d%n", status, count.get()));
        return 0;
    }

    /** @return what is wrong with these load arguments, or null when they are in range */
    public static String invalidArguments(final List<Integer> rates, final int durationS, final int warmupS,
            final String transport) {
        if (!"ws".equals(transport) && !"rest".equals(transport) && !"both".equals(transport)) {
            return "--transport is ws, rest or both";
        }
        if (durationS < 1 || durationS > MAX_DURATION_S) {
            return "--duration-s is 1.." + MAX_DURATION_S;
        }
        if (warmupS < 0 || warmupS > MAX_DURATION_S) {
            return "--warmup-s is 0.." + MAX_DURATION_S;
        }
        if (rates == null || rates.isEmpty() || rates.size() > MAX_RATES
                || rates.stream().anyMatch(r -> r == null || r < 1 || r > MAX_RATE_PER_S)) {
            return "--rates: 1.." + MAX_RATES + " rates, each 1.." + MAX_RATE_PER_S + " orders/s";
        }
        return null;
    }

    /** One authenticated WebSocket subscribed to its private fills; matches acks and fills by order id. */
    static final class Conn implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final ConcurrentHashMap<Long, Long> sentAtNs = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Long> orderSentNs = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Long> fillSeenNs = new ConcurrentHashMap<>();
        final Histogram ack = new Histogram(MAX_LATENCY_US, 3);
        final Histogram fill = new Histogram(MAX_LATENCY_US, 3);
        final AtomicLong acks = new AtomicLong();
        final AtomicLong fills = new AtomicLong();
        WebSocket ws;
        /**
         * The JDK's WebSocket allows one send outstanding: a second send before the first completes fails (and an
         * open-loop driver would silently lose that order). Sends are chained; the send loop is the only caller.
         */
        CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

        void send(final String text) {
            lastSend = lastSend.handle((w, e) -> null).thenCompose(x -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                final long now = System.nanoTime();
                final JsonObject m = new JsonObject(partial.toString());
                partial.setLength(0);
                if ("place".equals(m.getString("op"))) {
                    final Long sent = sentAtNs.remove(m.getLong("id"));
                    if (m.getInteger("status", 0) != 200) {
                        refusal(m.getInteger("status", 0), String.valueOf(m.getValue("result")));
                    } else if (sent != null) {
                        final JsonObject result = m.getJsonObject("result");
                        onAck(now, sent, result == null ? null : result.getString("orderId"), true);
                    }
                } else if ("fills".equals(m.getString("channel"))) {
                    onFill(now, m.getString("orderId"));
                }
            }
            w.request(1);
            return null;
        }

        /** An order's answer; {@code fillExpected} for the buys, whose fill event is timed too. */
        void onAck(final long nowNs, final long sentNs, final String orderId, final boolean fillExpected) {
            synchronized (ack) {
                ack.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, nowNs - sentNs) / 1000));
            }
            acks.incrementAndGet();
            if (orderId != null && fillExpected) {
                final Long seen = fillSeenNs.remove(orderId);
                if (seen != null) {
                    recordFill(seen - sentNs);
                } else {
                    orderSentNs.put(orderId, sentNs);
                }
            }
        }

        void onFill(final long nowNs, final String orderId) {
            final Long sent = orderSentNs.remove(orderId);
            if (sent != null) {
                recordFill(nowNs - sent);
            } else {
                fillSeenNs.put(orderId, nowNs);
            }
        }

        void recordFill(final long ns) {
            synchronized (fill) {
                fill.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, ns) / 1000));
            }
            fills.incrementAndGet();
        }
    }

    /** Answers other than 200 are not acks: the first of each status is printed (once), all are counted. */
    static final ConcurrentHashMap<Integer, AtomicLong> REFUSALS = new ConcurrentHashMap<>();

    static void refusal(final int status, final String body) {
        if (REFUSALS.computeIfAbsent(status, k -> new AtomicLong()).getAndIncrement() == 0) {
            System.out.println("answer " + status + " (not counted as an ack): " + body);
        }
    }

    static Conn connect(final URI base, final Key key) throws Exception {
        final Conn c = new Conn();
        final URI ws = URI.create((base.getScheme().equals("https") ? "wss" : "ws") + "://" + base.getAuthority() + "/v1/ws");
        // generous: a gateway still working off the previous run's backlog answers the upgrade late
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, c).get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
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
        return "{\"symbol\":\"" + SYMBOL + "\",\"side\":\"" + side + "\",\"price\":\"1.00\",\"quantity\":\"1\"}";
    }

    /** Sleeps until {@code intendedNs}, spinning only the last 20 us. */
    static void awaitSendTime(final long intendedNs) {
        long now;
        while ((now = System.nanoTime()) < intendedNs) {
            LockSupport.parkNanos(Math.max(1_000, intendedNs - now - 20_000));
        }
    }

    static Outcome runWebSocket(final URI base, final Key buyer, final Key seller, final int rate, final int seconds)
            throws Exception {
        final Conn s = connect(base, seller);
        final Conn b = connect(base, buyer);
        final String sell = order("SELL");
        final String buy = order("BUY");
        final long total = (long) rate * seconds;
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < total; i++) {
            final long intended = start + i * intervalNs;
            awaitSendTime(intended);
            final boolean isSell = (i & 1) == 0;
            final Conn c = isSell ? s : b;
            c.sentAtNs.put(i, intended);
            c.send("{\"op\":\"place\",\"id\":" + i + ",\"args\":" + (isSell ? sell : buy) + "}");
        }
        final long buys = total / 2;
        final long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while ((s.acks.get() + b.acks.get() < total || b.fills.get() < buys) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        s.ws.abort();
        b.ws.abort();
        final Histogram ack = new Histogram(MAX_LATENCY_US, 3);
        synchronized (s.ack) {
            ack.add(s.ack);
        }
        synchronized (b.ack) {
            ack.add(b.ack);
        }
        return new Outcome(total, s.acks.get() + b.acks.get(), ack, b.fills.get(), b.fill);
    }

    static Outcome runRest(final URI base, final Key buyer, final Key seller, final int rate, final int seconds)
            throws Exception {
        final ExecutorService executor = Executors.newFixedThreadPool(4);
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        final Conn fills = connect(base, buyer);
        final Histogram ack = new Histogram(MAX_LATENCY_US, 3);
        final AtomicLong acks = new AtomicLong();
        final long total = (long) rate * seconds;
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 1_000_000;
        final URI orders = base.resolve("/v1/orders");
        for (long i = 0; i < total; i++) {
            final long intended = start + i * intervalNs;
            awaitSendTime(intended);
            final boolean isSell = (i & 1) == 0;
            final Key key = isSell ? seller : buyer;
            final byte[] body = order(isSell ? "SELL" : "BUY").getBytes(StandardCharsets.UTF_8);
            final long ts = System.currentTimeMillis();
            final String nonce = "rest" + i + "x" + start;
            final HttpRequest request = HttpRequest.newBuilder(orders)
                    .header(GatewayServer.HEADER_KEY, key.id()).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                    .header(GatewayServer.HEADER_NONCE, nonce)
                    .header(GatewayServer.HEADER_SIGNATURE, HmacSigner.sign(key.secret(), ts, nonce, "POST", "/v1/orders", "", body))
                    .header("Idempotency-Key", nonce).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                final long now = System.nanoTime();
                if (r.statusCode() != 200) {
                    refusal(r.statusCode(), r.body());
                } else {
                    final String orderId = new JsonObject(r.body()).getString("orderId");
                    if (isSell) {
                        synchronized (ack) {
                            ack.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, now - intended) / 1000));
                        }
                        acks.incrementAndGet();
                    } else {
                        fills.onAck(now, intended, orderId, true);
                    }
                }
            });
        }
        final long buys = total / 2;
        final long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while ((acks.get() + fills.acks.get() < total || fills.fills.get() < buys) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        fills.ws.abort();
        executor.shutdownNow();
        synchronized (fills.ack) {
            ack.add(fills.ack);
        }
        return new Outcome(total, acks.get() + fills.acks.get(), ack, fills.fills.get(), fills.fill);
    }

    static void print(final String transport, final int rate, final Outcome o) {
        System.out.printf("%-9s %7d %7d %7d | %6d %6d %6d %8d | %6d | %6d %6d %6d %8d%n", transport, rate, o.sent(), o.acks(),
                o.ack().getValueAtPercentile(50), o.ack().getValueAtPercentile(99), o.ack().getValueAtPercentile(99.9),
                o.ack().getMaxValue(), o.fills(), o.fill().getValueAtPercentile(50), o.fill().getValueAtPercentile(99),
                o.fill().getValueAtPercentile(99.9), o.fill().getMaxValue());
        System.out.flush();
    }
}
