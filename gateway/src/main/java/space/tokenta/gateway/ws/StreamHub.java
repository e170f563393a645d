package space.tokenta.gateway.ws;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import space.tokenta.engine.order.Side;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.api.ApiException;
import space.tokenta.gateway.api.CandleIntervals;
import space.tokenta.gateway.api.Views;
import space.tokenta.gateway.auth.AuthException;
import space.tokenta.gateway.auth.Principal;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.EventBatch;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels;
import space.tokenta.gateway.port.ReadModels.InstrumentView;

/**
 * WebSocket fan-out on one context: keeps its own L2 books (from a read-model snapshot plus the
 * event stream), sends {@code book.SYM} snapshot then diffs with {@code seq}/{@code prevSeq} and a
 * CRC32 checksum, trades, exec_log lines and private orders/fills/balances. Slow consumers (full
 * write queue) are closed with code 4001; idle sessions with 4002.
 *
 * <p>Checksum: CRC32 (unsigned) of the UTF-8 string made by joining with ':' the price and quantity
 * decimal strings (as sent) of the top N bids (best first) followed by the top N asks (best first),
 * e.g. {@code "101.5:3:101:7:102:1"} for bids 101.5×3, 101×7 and ask 102×1.
 *
 * <p>Channels that follow settlement's tables ({@code settlement}, {@code escrows},
 * {@code verifications}, {@code reputation}) are
 * {@link TailedChannel}s: a subscriber gets a snapshot (or, with {@code "since": {channel: seq}},
 * what it missed), then updates; see that class for the message shape.
 */
public final class StreamHub {
    public static final short CLOSE_SLOW_CONSUMER = 4001;
    public static final short CLOSE_IDLE = 4002;
    static final int MAX_SUBSCRIPTIONS = 64;
    /** How often tailed channels poll their read model. */
    static final long TAIL_POLL_MS = 250;
    /** Settlement writes activity from several workers: ids may commit up to this far out of order. */
    static final long ACTIVITY_LOOKBACK_IDS = 256;
    /** Escrow changes stamped up to this long before they commit are still picked up. */
    static final long ESCROW_LOOKBACK_NS = 5_000_000_000L;
    /** Verification runs and reputation rows: changes stamped up to this long before they commit. */
    static final long RECORD_LOOKBACK_MS = 5_000;

    private final Vertx vertx;
    private final Ports ports;
    private final GatewayConfig config;
    private final GatewayServer server;
    private final Context context;
    private final Map<Integer, Book> books = new HashMap<>();
    private final Set<Session> sessions = new HashSet<>();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private AutoCloseable feedSubscription;
    private long idleTimer = -1;
    private long tailTimer = -1;
    private final Map<String, TailedChannel<?>> tailed = new HashMap<>();
    /** Its lines (ESCR, VRFY, DSPT, SETL, WDRL) also go to the Execution Log. */
    private final TailedChannel<ReadModels.ActivityView> settlementChannel;
    /** Trades kept for candle series being seeded from the read model. */
    static final int RECENT_TRADES = 4_096;
    private final Map<String, CandleSeries> candleSeries = new HashMap<>();
    /** Subscribers of a series still seeding: each runnable answers one of them once it is LIVE (or failed). */
    private final Map<String, List<java.util.function.Consumer<Throwable>>> candleWaiters = new HashMap<>();
    private final java.util.ArrayDeque<Event.Trade> recentTrades = new java.util.ArrayDeque<>();
    /** Lines an exec_log subscriber can ask for again with {@code since}. */
    static final int EXEC_LOG_RING_LINES = 2_048;
    private final ExecLogRing execLog = new ExecLogRing(EXEC_LOG_RING_LINES);
    /** Event-stream position of the batch being fanned out (numbers its exec_log lines). */
    private long batchPosition;

    private static final class Book {
        final InstrumentView instrument;
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long seq;

        Book(final InstrumentView instrument) {
            this.instrument = instrument;
        }
    }

    private static final class Session {
        final ServerWebSocket socket;
        final Set<String> channels = new HashSet<>();
        /** Written on the hub's context, read by order entry on the connection's event loop. */
        volatile Principal principal;
        volatile long lastSeenMs = System.currentTimeMillis();
        volatile boolean closed;

        Session(final ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    public StreamHub(final Vertx vertx, final Ports ports, final GatewayConfig config, final GatewayServer server,
            final PrometheusMeterRegistry metrics) {
        this.vertx = vertx;
        this.ports = ports;
        this.config = config;
        this.server = server;
        this.context = vertx.getOrCreateContext();
        metrics.gauge("tokenta.ws.sessions", sessionCount);
        final ReadModels reads = ports.readModels();
        settlementChannel = new TailedChannel<>("settlement", reads::settlementActivitySince, ReadModels.ActivityView::id,
                a -> Long.toString(a.id()), Views::activity, ACTIVITY_LOOKBACK_IDS);
        addTailed(settlementChannel);
        addTailed(new TailedChannel<>("escrows", reads::escrowsChangedSince, ReadModels.EscrowView::updatedNs,
                e -> e.escrowId() + "@" + e.updatedNs() + ":" + e.state(), Views::escrow, ESCROW_LOOKBACK_NS));
        addTailed(new TailedChannel<>("verifications", reads::verificationRunsChangedSince,
                v -> v.finishedAtMs() == null ? v.startedAtMs() : v.finishedAtMs(),
                v -> v.runId() + ":" + v.outcome(), Views::verificationRun, RECORD_LOOKBACK_MS));
        addTailed(new TailedChannel<>("reputation", reads::sellerReputationChangedSince,
                ReadModels.SellerReputationView::updatedAtMs, r -> r.account() + "@" + r.updatedAtMs(),
                Views::sellerReputation, RECORD_LOOKBACK_MS));
    }

    /** The hub's event-loop context (the gateway's server listens on it, so connections share its loop). */
    public Context context() {
        return context;
    }

    private void addTailed(final TailedChannel<?> channel) {
        tailed.put(channel.name, channel);
    }

    public void start() {
        feedSubscription = ports.eventFeed().subscribe(batch -> context.runOnContext(v -> onBatch(batch)));
        context.runOnContext(v -> {
            for (final InstrumentView i : ports.readModels().instruments()) {
                loadBook(i);
            }
            idleTimer = vertx.setPeriodic(heartbeatMs(config.wsIdleTimeoutMs()), id -> expireIdle());
            tailTimer = vertx.setPeriodic(TAIL_POLL_MS, id -> tailed.values().forEach(this::poll));
        });
    }

    /** Pings go out at least three times per idle timeout, so a client answering them is never cut. */
    static long heartbeatMs(final long idleTimeoutMs) {
        return Math.max(10, Math.min(1_000, idleTimeoutMs / 3));
    }

    private Book loadBook(final InstrumentView i) {
        final Book book = new Book(i);
        final ReadModels.BookSnapshot snapshot = ports.readModels().book(i.instrumentId(), Integer.MAX_VALUE);
        snapshot.bids().forEach(l -> book.bids.put(l.priceTicks(), l.quantityLots()));
        snapshot.asks().forEach(l -> book.asks.put(l.priceTicks(), l.quantityLots()));
        book.seq = snapshot.sequence();
        books.put(i.instrumentId(), book);
        return book;
    }

    public void accept(final HttpServerRequest request) {
        request.toWebSocket().onSuccess(socket -> context.runOnContext(v -> open(socket)));
    }

    private void open(final ServerWebSocket socket) {
        final Session session = new Session(socket);
        sessions.add(session);
        sessionCount.set(sessions.size());
        socket.setWriteQueueMaxSize(config.wsMaxQueueBytes());
        socket.textMessageHandler(text -> onText(session, text));
        socket.pongHandler(b -> session.lastSeenMs = System.currentTimeMillis());
        socket.closeHandler(v -> context.runOnContext(x -> {
            session.closed = true;
            sessions.remove(session);
            sessionCount.set(sessions.size());
        }));
        socket.exceptionHandler(e -> { });
    }

    /**
     * On the connection's event loop. Order entry of an authenticated session is handled right here
     * (no hop to the hub's context: the answer is written from the thread that completes the command);
     * everything else, and a place before auth has been answered, goes to the hub's context in order.
     */
    private void onText(final Session s, final String text) {
        s.lastSeenMs = System.currentTimeMillis();
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (final RuntimeException e) {
            msg = null;
        }
        final Principal principal = s.principal;
        if (msg != null && "place".equals(msg.getValue("op")) && principal != null && principal.has(Scope.TRADE)) {
            placeDirect(s, principal, msg);
            return;
        }
        final JsonObject parsed = msg;
        context.runOnContext(v -> onMessage(s, parsed));
    }

    private void placeDirect(final Session s, final Principal principal, final JsonObject msg) {
        final Object id = msg.getValue("id");
        // the connection's own event loop: writes from other threads are handed to it (one hop)
        final Context connection = Vertx.currentContext();
        server.placeOverWebSocket(principal, msg.getValue("args")).whenComplete((reply, failure) -> {
            final space.tokenta.gateway.api.Reply r = failure == null ? reply : GatewayServer.errorReply(
                    failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
            final String text = placeAnswer(id, r);
            connection.runOnContext(v -> {
                if (s.closed) {
                    return;
                }
                if (s.socket.writeQueueFull()) {
                    context.runOnContext(x -> {
                        if (!s.closed) {
                            cut(s, CLOSE_SLOW_CONSUMER, "slow consumer: outbound queue full");
                        }
                    });
                    return;
                }
                s.socket.writeTextMessage(text);
            });
        });
    }

    /** {@code {"op":"place","id","status","result"}}; the reply body is JSON already, spliced in as is. */
    private static String placeAnswer(final Object id, final space.tokenta.gateway.api.Reply r) {
        return "{\"op\":\"place\",\"id\":" + io.vertx.core.json.Json.encode(id) + ",\"status\":" + r.status()
                + ",\"result\":" + r.body() + "}";
    }

    private void onMessage(final Session s, final JsonObject msg) {
        if (msg == null) {
            send(s, error(null, "MALFORMED_JSON", "message is not a JSON object"));
            return;
        }
        final Object idValue = msg.getValue("id");
        final String op = msg.getValue("op") instanceof String o ? o : "";
        switch (op) {
            case "ping" -> send(s, new JsonObject().put("op", "pong").put("id", idValue));
            case "subscribe", "unsubscribe" -> {
                final Object channels = msg.getValue("channels");
                if (!(channels instanceof JsonArray list) || list.size() > MAX_SUBSCRIPTIONS) {
                    send(s, error(idValue, "INVALID_FIELD", "channels must be an array of at most " + MAX_SUBSCRIPTIONS));
                    return;
                }
                final JsonObject since = msg.getValue("since") instanceof JsonObject o ? o : new JsonObject();
                for (final Object ch : list) {
                    final String channel = String.valueOf(ch);
                    if (op.equals("unsubscribe")) {
                        s.channels.remove(channel);
                    } else if (channel.equals(ExecLogRing.CHANNEL) && since.containsKey(channel)) {
                        subscribeExecLogSince(s, since.getValue(channel), idValue);
                    } else if (tailed.containsKey(channel)) {
                        subscribeTailed(s, tailed.get(channel), since.getValue(channel), idValue);
                    } else {
                        subscribe(s, channel, idValue);
                    }
                }
            }
            case "auth" -> auth(s, msg, idValue);
            case "place" -> place(s, msg, idValue);
            default -> send(s, error(idValue, "INVALID_FIELD", "unknown op"));
        }
    }

    private void auth(final Session s, final JsonObject msg, final Object id) {
        try {
            final long nowMs = System.currentTimeMillis();
            if (msg.getValue("token") instanceof String token) {
                s.principal = server.sessions().verify(token, nowMs);
            } else {
                s.principal = server.verifyHmac(str(msg, "key"), str(msg, "timestamp"), str(msg, "nonce"),
                        str(msg, "signature"), "GET", "/v1/ws", "", new byte[0], nowMs);
            }
            send(s, new JsonObject().put("op", "auth").put("id", id).put("accountId", s.principal.accountId()));
        } catch (final AuthException e) {
            final ApiException api = GatewayServer.authError(e);
            send(s, error(id, api.code().name(), e.getMessage()));
        }
    }

    private static String str(final JsonObject msg, final String field) {
        final Object v = msg.getValue(field);
        return v == null ? null : String.valueOf(v);
    }

    private void place(final Session s, final JsonObject msg, final Object id) {
        if (s.principal == null || !s.principal.has(Scope.TRADE)) {
            send(s, error(id, s.principal == null ? "UNAUTHENTICATED" : "FORBIDDEN_SCOPE", "place needs scope trade"));
            return;
        }
        server.placeOverWebSocket(s.principal, msg.getValue("args")).whenComplete((reply, failure) ->
                context.runOnContext(v -> {
                    final space.tokenta.gateway.api.Reply r = failure == null ? reply : GatewayServer.errorReply(
                            failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure);
                    sendText(s, placeAnswer(id, r));
                }));
    }

    private void subscribe(final Session s, final String channel, final Object id) {
        final String[] parts = channel.split("\\.");
        final boolean privateChannel = channel.equals("orders") || channel.equals("fills") || channel.equals("balances");
        if (privateChannel && s.principal == null) {
            send(s, error(id, "UNAUTHENTICATED", channel + " needs auth first"));
            return;
        }
        if (channel.equals("exec_log") || privateChannel) {
            s.channels.add(channel);
        } else if (parts.length >= 2 && (parts[0].equals("book") || parts[0].equals("trades") || parts[0].equals("candles"))) {
            final InstrumentView i = ports.readModels().instrument(parts[1]).orElse(null);
            if (i == null) {
                send(s, error(id, "UNKNOWN_SYMBOL", "unknown symbol"));
                return;
            }
            if (parts[0].equals("candles")) {
                subscribeCandles(s, i, parts, channel, id);
                return;
            }
            s.channels.add(channel);
            if (parts[0].equals("book")) {
                final Book book = books.containsKey(i.instrumentId()) ? books.get(i.instrumentId()) : loadBook(i);
                send(s, bookMessage(book, "snapshot", book.seq, 0, toLevels(book, book.bids, Integer.MAX_VALUE),
                        toLevels(book, book.asks, Integer.MAX_VALUE)));
            }
        } else {
            send(s, error(id, "INVALID_FIELD", "unknown channel"));
            return;
        }
        send(s, new JsonObject().put("op", "subscribed").put("id", id).put("subscription", channel));
    }

    private void subscribeExecLogSince(final Session s, final Object since, final Object id) {
        if (!(since instanceof Number n && n.longValue() >= 0)) {
            send(s, error(id, "INVALID_FIELD", "since.exec_log must be a non-negative seq"));
            return;
        }
        send(s, new JsonObject().put("op", "subscribed").put("id", id).put("subscription", ExecLogRing.CHANNEL));
        send(s, execLog.resync(n.longValue()));
        s.channels.add(ExecLogRing.CHANNEL);
    }

    private void subscribeCandles(final Session s, final InstrumentView i, final String[] parts, final String channel,
            final Object id) {
        final long intervalSeconds = parts.length == 3 && parts[2].matches("[0-9]{1,6}") ? Long.parseLong(parts[2]) : -1;
        if (!CandleIntervals.supported(intervalSeconds)) {
            send(s, error(id, "INVALID_FIELD", "candle interval must be " + CandleIntervals.DESCRIPTION));
            return;
        }
        final java.util.function.Consumer<Throwable> answer = failure -> {
            if (failure != null) {
                send(s, error(id, "READ_MODELS_UNAVAILABLE", channel + " is unavailable: read models did not answer"));
                return;
            }
            send(s, new JsonObject().put("op", "subscribed").put("id", id).put("subscription", channel));
            send(s, candleSeries.get(channel).message("snapshot"));
            s.channels.add(channel);
        };
        final CandleSeries existing = candleSeries.get(channel);
        if (existing != null && existing.state() == CandleSeries.State.LIVE) {
            answer.accept(null);
            return;
        }
        candleWaiters.computeIfAbsent(channel, k -> new ArrayList<>()).add(answer);
        if (existing != null) {
            return;
        }
        final CandleSeries series = new CandleSeries(i, intervalSeconds);
        candleSeries.put(channel, series);
        // candles and trades may come from the database: read them on the worker pool, fold on the context
        server.blocking(() -> {
            final List<ReadModels.CandleView> newest = ports.readModels().candles(i.instrumentId(), intervalSeconds, 1);
            final List<ReadModels.TradeView> lastTrade = ports.readModels().trades(i.instrumentId(), 1);
            return new CandleSeed(newest.isEmpty() ? null : newest.get(0), lastTrade.isEmpty() ? 0L : lastTrade.get(0).tradeId());
        }).whenComplete((seed, failure) -> context.runOnContext(v -> {
            if (failure == null) {
                series.seed(seed.newest(), seed.lastTradeId());
                for (final Event.Trade t : recentTrades) {
                    series.onTrade(t);
                }
            } else {
                candleSeries.remove(channel);
            }
            final List<java.util.function.Consumer<Throwable>> answers = candleWaiters.remove(channel);
            for (final java.util.function.Consumer<Throwable> a : answers) {
                a.accept(failure);
            }
        }));
    }

    private record CandleSeed(ReadModels.CandleView newest, long lastTradeId) {
    }

    private void onTradeForCandles(final Event.Trade t) {
        recentTrades.addLast(t);
        if (recentTrades.size() > RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        for (final CandleSeries series : candleSeries.values()) {
            if (series.onTrade(t)) {
                publish(series.channel, series.message("update"));
            }
        }
    }

    private void subscribeTailed(final Session s, final TailedChannel<?> channel, final Object since, final Object id) {
        if (since != null && !(since instanceof Number n && n.longValue() >= 0)) {
            send(s, error(id, "INVALID_FIELD", "since." + channel.name + " must be a non-negative seq"));
            return;
        }
        final Long sinceSeq = since == null ? null : ((Number) since).longValue();
        server.blocking(() -> channel.firstMessage(sinceSeq)).whenComplete((first, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                send(s, error(id, "READ_MODELS_UNAVAILABLE", channel.name + " is unavailable: read models did not answer"));
                return;
            }
            send(s, new JsonObject().put("op", "subscribed").put("id", id).put("subscription", channel.name));
            send(s, first);
            s.channels.add(channel.name);
        }));
    }

    private <T> void poll(final TailedChannel<T> channel) {
        if (!channel.startPoll()) {
            return;
        }
        final long from = channel.pollFrom();
        server.blocking(() -> channel.fetch(from)).whenComplete((rows, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                channel.onPollFailed();
                return;
            }
            final JsonObject update = channel.onPolled(rows);
            if (update != null) {
                publish(channel.name, update);
                if (channel == settlementChannel) {
                    for (final Object row : update.getJsonArray("rows")) {
                        final JsonObject line = (JsonObject) row;
                        execLog(line.getString("code"), line.getString("subject"), line.getLong("atMs") * 1_000_000L,
                                line.getString("message"));
                    }
                }
            }
        }));
    }

    private JsonArray toLevels(final Book book, final TreeMap<Long, Long> side, final int depth) {
        final JsonArray out = new JsonArray();
        for (final Map.Entry<Long, Long> e : side.entrySet()) {
            if (out.size() >= depth) {
                break;
            }
            out.add(new JsonArray().add(Views.price(book.instrument, e.getKey())).add(Views.qty(book.instrument, e.getValue())));
        }
        return out;
    }

    private JsonObject bookMessage(final Book book, final String type, final long seq, final long prevSeq,
            final JsonArray bids, final JsonArray asks) {
        return new JsonObject().put("channel", "book." + book.instrument.symbol()).put("type", type).put("seq", seq)
                .put("prevSeq", prevSeq).put("bids", bids).put("asks", asks)
                .put("checksum", checksum(toLevels(book, book.bids, config.bookChecksumDepth()),
                        toLevels(book, book.asks, config.bookChecksumDepth())));
    }

    /** See the class comment for the string format. */
    public static long checksum(final JsonArray bids, final JsonArray asks) {
        final List<String> parts = new ArrayList<>();
        for (final JsonArray side : List.of(bids, asks)) {
            for (final Object level : side) {
                parts.add(((JsonArray) level).getString(0));
                parts.add(((JsonArray) level).getString(1));
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(String.join(":", parts).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private void onBatch(final EventBatch batch) {
        batchPosition = batch.sequence();
        final Map<Integer, JsonArray[]> bookChanges = new HashMap<>();
        final Set<Long> balanceAccounts = new HashSet<>();
        for (final Event event : batch.events()) {
            switch (event) {
                case Event.BookLevel e -> {
                    final Book book = books.get(e.instrumentId());
                    if (book == null || batch.sequence() <= book.seq) {
                        continue;
                    }
                    final TreeMap<Long, Long> side = e.side() == Side.BUY ? book.bids : book.asks;
                    if (e.orderCount() == 0) {
                        side.remove(e.priceTicks());
                    } else {
                        side.put(e.priceTicks(), e.totalQuantityLots());
                    }
                    final JsonArray[] diff = bookChanges.computeIfAbsent(e.instrumentId(),
                            k -> new JsonArray[] {new JsonArray(), new JsonArray()});
                    diff[e.side() == Side.BUY ? 0 : 1].add(new JsonArray().add(Views.price(book.instrument, e.priceTicks()))
                            .add(Views.qty(book.instrument, e.orderCount() == 0 ? 0 : e.totalQuantityLots())));
                }
                case Event.Trade e -> {
                    onTradeForCandles(e);
                    final Book book = books.get(e.instrumentId());
                    if (book != null) {
                        final String sym = book.instrument.symbol();
                        final JsonObject trade = new JsonObject().put("channel", "trades." + sym)
                                .put("tradeId", Long.toString(e.tradeId())).put("price", Views.price(book.instrument, e.priceTicks()))
                                .put("quantity", Views.qty(book.instrument, e.quantityLots()))
                                .put("takerSide", e.takerSide().name()).put("timestampNs", e.timestampNs());
                        publish("trades." + sym, trade);
                        execLog("FILL", sym, e.timestampNs(), e.takerSide() + " " + Views.qty(book.instrument, e.quantityLots())
                                + " @ " + Views.price(book.instrument, e.priceTicks()));
                        fill(e.makerAccountId(), book, e, e.makerOrderId(), "MAKER");
                        fill(e.takerAccountId(), book, e, e.takerOrderId(), "TAKER");
                    }
                }
                case Event.OrderAccepted e -> {
                    final Book book = books.get(e.instrumentId());
                    if (book != null) {
                        execLog("OPEN", book.instrument.symbol(), e.timestampNs(), e.side() + " "
                                + Views.qty(book.instrument, e.quantityLots()) + " @ " + Views.price(book.instrument, e.priceTicks()));
                    }
                    orderUpdate(e.accountId(), new JsonObject().put("orderId", Long.toString(e.orderId()))
                            .put("status", "OPEN").put("clientOrderId", Long.toUnsignedString(e.clientOrderId())));
                }
                case Event.OrderCancelled e -> {
                    execLog(e.reason() == space.tokenta.engine.event.CancelReason.SELF_TRADE ? "STPX" : "CNCL",
                            symbol(e.instrumentId()), e.timestampNs(), "order " + e.orderId());
                    orderUpdate(e.accountId(), new JsonObject().put("orderId", Long.toString(e.orderId()))
                            .put("status", "CANCELLED").put("reason", e.reason().name()));
                }
                case Event.OrderExpired e -> {
                    execLog("EXPR", symbol(e.instrumentId()), e.timestampNs(), "order " + e.orderId());
                    orderUpdate(e.accountId(), new JsonObject().put("orderId", Long.toString(e.orderId())).put("status", "EXPIRED"));
                }
                case Event.OrderAmended e -> {
                    execLog("AMND", symbol(e.instrumentId()), e.timestampNs(), "order " + e.orderId());
                    orderUpdate(e.accountId(), new JsonObject().put("orderId", Long.toString(e.orderId())).put("status", "AMENDED"));
                }
                case Event.OrderRejected e -> orderUpdate(e.accountId(), new JsonObject()
                        .put("orderId", Long.toString(e.orderId())).put("status", "REJECTED").put("reason", e.reason().name()));
                case Event.Transfer e -> {
                    balanceAccounts.add(e.debitOwner());
                    balanceAccounts.add(e.creditOwner());
                }
                default -> {
                }
            }
        }
        for (final Map.Entry<Integer, JsonArray[]> e : bookChanges.entrySet()) {
            final Book book = books.get(e.getKey());
            final long prev = book.seq;
            book.seq = batch.sequence();
            publish("book." + book.instrument.symbol(), bookMessage(book, "update", book.seq, prev, e.getValue()[0],
                    e.getValue()[1]));
        }
        for (final Long account : balanceAccounts) {
            if (hasPrivate(account, "balances")) {
                // balances may come from the database: read them on the worker pool, send on the event loop
                server.blocking(() -> ports.readModels().balances(account)).whenComplete((balances, failure) -> {
                    if (failure == null) {
                        context.runOnContext(v -> {
                            final JsonArray out = new JsonArray();
                            balances.forEach(b -> out.add(Views.balance(b)));
                            privateSend(account, "balances", new JsonObject().put("channel", "balances")
                                    .put("balances", out));
                        });
                    }
                });
            }
        }
    }

    private String symbol(final int instrumentId) {
        final Book book = books.get(instrumentId);
        return book == null ? Integer.toString(instrumentId) : book.instrument.symbol();
    }

    private void execLog(final String code, final String symbol, final long timestampNs, final String text) {
        publish(ExecLogRing.CHANNEL, execLog.append(batchPosition, code, symbol, timestampNs,
                String.format("%-5s %-14s %s", code, symbol, text)));
    }

    private void fill(final long account, final Book book, final Event.Trade e, final long orderId,
            final String liquidity) {
        privateSend(account, "fills", new JsonObject().put("channel", "fills").put("tradeId", Long.toString(e.tradeId()))
                .put("orderId", Long.toString(orderId)).put("symbol", book.instrument.symbol())
                .put("price", Views.price(book.instrument, e.priceTicks()))
                .put("quantity", Views.qty(book.instrument, e.quantityLots())).put("liquidity", liquidity));
    }

    private void orderUpdate(final long account, final JsonObject update) {
        privateSend(account, "orders", update.put("channel", "orders"));
    }

    private boolean hasPrivate(final long account, final String channel) {
        for (final Session s : sessions) {
            if (s.principal != null && s.principal.accountId() == account && s.channels.contains(channel)) {
                return true;
            }
        }
        return false;
    }

    private void privateSend(final long account, final String channel, final JsonObject msg) {
        for (final Session s : List.copyOf(sessions)) {
            if (s.principal != null && s.principal.accountId() == account && s.channels.contains(channel)) {
                send(s, msg);
            }
        }
    }

    private void publish(final String channel, final JsonObject msg) {
        final String text = msg.encode();
        for (final Session s : List.copyOf(sessions)) {
            if (s.channels.contains(channel)) {
                sendText(s, text);
            }
        }
    }

    private void send(final Session s, final JsonObject msg) {
        sendText(s, msg.encode());
    }

    private void sendText(final Session s, final String text) {
        if (s.closed) {
            return;
        }
        if (s.socket.writeQueueFull()) {
            cut(s, CLOSE_SLOW_CONSUMER, "slow consumer: outbound queue full");
            return;
        }
        s.socket.writeTextMessage(text);
    }

    private void cut(final Session s, final short code, final String reason) {
        s.closed = true;
        sessions.remove(s);
        sessionCount.set(sessions.size());
        s.socket.close(code, reason);
    }

    private void expireIdle() {
        final long now = System.currentTimeMillis();
        for (final Session s : List.copyOf(sessions)) {
            if (now - s.lastSeenMs > config.wsIdleTimeoutMs()) {
                cut(s, CLOSE_IDLE, "idle timeout");
            } else {
                s.socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
            }
        }
    }

    private static JsonObject error(final Object id, final String code, final String message) {
        return new JsonObject().put("op", "error").put("id", id).put("code", code).put("message", message);
    }

    public void close() {
        try {
            if (feedSubscription != null) {
                feedSubscription.close();
            }
        } catch (final Exception e) {
            Thread.currentThread().interrupt();
        }
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
        }
        if (tailTimer >= 0) {
            vertx.cancelTimer(tailTimer);
        }
    }
}
