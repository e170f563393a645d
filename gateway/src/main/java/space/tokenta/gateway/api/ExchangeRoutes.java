package space.tokenta.gateway.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.order.OrderType;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.Ports;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.JwtSessions;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.CommandResult;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels;
import space.tokenta.gateway.port.ReadModels.InstrumentView;
import space.tokenta.gateway.webhook.WebhookDispatcher;

/** The REST route table (route → scope → weight → handler). */
public final class ExchangeRoutes {
    static final Set<String> ORDER_FIELDS = Set.of("symbol", "side", "type", "timeInForce", "price", "quantity",
            "protectionPrice", "clientOrderId", "expireAtMs", "stp");
    private final Ports ports;
    private final ApiKeys apiKeys;
    private final JwtSessions sessions;
    private final PrometheusMeterRegistry metrics;
    /** Looked up once: the order path records into it on every answer. */
    private final io.micrometer.core.instrument.Timer engineAck;
    private final BooleanSupplier serving;
    private final String openApi;

    private final space.tokenta.gateway.auth.WalletAuth wallets;
    private final WebhookDispatcher webhooks;

    public ExchangeRoutes(final Ports ports, final ApiKeys apiKeys, final space.tokenta.gateway.auth.WalletAuth wallets,
            final WebhookDispatcher webhooks, final JwtSessions sessions,
            final PrometheusMeterRegistry metrics, final GatewayConfig config, final BooleanSupplier serving) {
        this.ports = ports;
        this.apiKeys = apiKeys;
        this.wallets = wallets;
        this.webhooks = webhooks;
        this.sessions = sessions;
        this.metrics = metrics;
        this.engineAck = metrics.timer("tokenta.engine.ack");
        this.serving = serving;
        this.openApi = resource("/openapi.json");
    }

    private static String resource(final String name) {
        try (InputStream in = ExchangeRoutes.class.getResourceAsStream(name)) {
            return in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Route> routes() {
        final List<Route> r = new ArrayList<>();
        r.add(Route.inline(HttpMethod.GET, "/v1/health", Scope.PUBLIC, 1, c -> done(200, new JsonObject().put("status", "ok"))));
        r.add(Route.inline(HttpMethod.GET, "/v1/ready", Scope.PUBLIC, 1, c -> serving.getAsBoolean()
                ? done(200, new JsonObject().put("status", "ready"))
                : done(503, new JsonObject().put("status", "starting"))));
        r.add(Route.inline(HttpMethod.GET, "/v1/jwks", Scope.PUBLIC, 1,
                c -> CompletableFuture.completedFuture(new Reply(200, sessions.jwksJson(), "application/json"))));
        r.add(Route.inline(HttpMethod.GET, "/v1/.well-known/jwks.json", Scope.PUBLIC, 1,
                c -> CompletableFuture.completedFuture(new Reply(200, sessions.jwksJson(), "application/json"))));
        r.add(Route.inline(HttpMethod.GET, "/v1/openapi.json", Scope.PUBLIC, 1,
                c -> CompletableFuture.completedFuture(new Reply(200, openApi, "application/json"))));
        r.add(Route.inline(HttpMethod.GET, "/metrics", Scope.PUBLIC, 1,
                c -> CompletableFuture.completedFuture(new Reply(200, metrics.scrape(), "text/plain; version=0.0.4"))));
        r.add(new Route(HttpMethod.GET, "/v1/instruments", Scope.PUBLIC, 1, c -> {
            final JsonArray out = new JsonArray();
            ports.readModels().instruments().forEach(i -> out.add(Views.instrument(i)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/book/{symbol}", Scope.PUBLIC, 2, c -> {
            final InstrumentView i = instrument(c.path("symbol"));
            final int depth = (int) c.queryLong("depth", 50, 1, 500);
            final ReadModels.BookSnapshot book = ports.readModels().book(i.instrumentId(), depth);
            return done(200, new JsonObject().put("symbol", i.symbol()).put("seq", book.sequence())
                    .put("bids", Views.levels(i, book.bids())).put("asks", Views.levels(i, book.asks())));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/trades/{symbol}", Scope.PUBLIC, 2, c -> {
            final InstrumentView i = instrument(c.path("symbol"));
            final JsonArray out = new JsonArray();
            ports.readModels().trades(i.instrumentId(), (int) c.queryLong("limit", 100, 1, 1000)).forEach(t -> out.add(
                    new JsonObject().put("tradeId", Long.toString(t.tradeId())).put("price", Views.price(i, t.priceTicks()))
                            .put("quantity", Views.qty(i, t.quantityLots())).put("takerSide", t.takerSide().name())
                            .put("timestampNs", t.timestampNs())));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/candles/{symbol}", Scope.PUBLIC, 2, c -> {
            final InstrumentView i = instrument(c.path("symbol"));
            final long interval = c.queryLong("interval", 60, 60, 86_400);
            if (!CandleIntervals.supported(interval)) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "interval must be " + CandleIntervals.DESCRIPTION,
                        new JsonObject().put("field", "interval"));
            }
            final JsonArray out = new JsonArray();
            ports.readModels().candles(i.instrumentId(), interval, (int) c.queryLong("limit", 100, 1, 1000))
                    .forEach(k -> out.add(Views.candle(i, k)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/listings", Scope.PUBLIC, 1, c -> {
            final JsonArray out = new JsonArray();
            ports.readModels().listings().forEach(l -> out.add(new JsonObject().put("accountId", l.accountId())
                    .put("instrumentId", l.instrumentId()).put("quantityLots", l.quantityLots())));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/escrows", Scope.PUBLIC, 2, c -> {
            final String state = c.query().get("state") == null ? "all" : c.query().get("state");
            if (!state.equals("all") && !state.equals("open")) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "state must be open or all",
                        new JsonObject().put("field", "state"));
            }
            final JsonArray out = new JsonArray();
            // deals are public on chain; amounts are in the quote asset's minor units
            ports.readModels().escrows(state.equals("open"), (int) c.queryLong("limit", 100, 1, 1000))
                    .forEach(e -> out.add(Views.escrow(e)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/settlement/activity", Scope.PUBLIC, 2, c -> {
            final var lines = ports.readModels().settlementActivity((int) c.queryLong("limit", 100, 1, 1000))
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "this node runs no settlement",
                            new JsonObject()));
            final JsonArray out = new JsonArray();
            lines.forEach(a -> out.add(Views.activity(a)));
            return done(200, out);
        }));
        r.add(RpcNodeRoutes.nodes(ports.rpcNodes()));
        r.add(EscrowDisputeRoutes.dispute(ports.escrowDisputes()));
        r.add(new Route(HttpMethod.POST, "/v1/listings", Scope.OPERATE, 5, c -> {
            c.bodyWith(Set.of("accountId", "symbol", "quantity"));
            final InstrumentView i = instrument(c.string("symbol", true));
            final Command cmd = new Command();
            cmd.type = CommandType.REGISTER_LISTING;
            cmd.accountId = c.longField("accountId", true, 1, Long.MAX_VALUE);
            cmd.instrumentId = i.instrumentId();
            cmd.quantityLots = Decimals.toUnits("quantity", c.string("quantity", true), i.quantityDecimals(),
                    ErrorCode.NOT_LOT_MULTIPLE);
            return command(cmd);
        }));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders", Scope.TRADE, 1, this::place));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders/{orderId}/amend", Scope.TRADE, 1, c -> {
            c.bodyWith(Set.of("symbol", "price", "quantity"));
            final InstrumentView i = instrument(c.string("symbol", true));
            final Command cmd = new Command();
            cmd.type = CommandType.AMEND_ORDER;
            cmd.accountId = c.principal().accountId();
            cmd.orderId = orderId(c);
            cmd.priceTicks = Decimals.toUnits("price", c.string("price", true), i.priceDecimals(), ErrorCode.NOT_TICK_MULTIPLE);
            cmd.quantityLots = Decimals.toUnits("quantity", c.string("quantity", true), i.quantityDecimals(),
                    ErrorCode.NOT_LOT_MULTIPLE);
            return order(cmd, i);
        }));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders/{orderId}/cancel", Scope.TRADE, 1, c -> {
            c.bodyWith(Set.of());
            final Command cmd = new Command();
            cmd.type = CommandType.CANCEL_ORDER;
            cmd.accountId = c.principal().accountId();
            cmd.orderId = orderId(c);
            return order(cmd, null);
        }));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders/{orderId}/replace", Scope.TRADE, 1, c -> {
            final Command cmd = orderCommand(c);
            cmd.type = CommandType.CANCEL_REPLACE;
            cmd.orderId = orderId(c);
            return order(cmd, instrument(c.string("symbol", true)));
        }));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders/mass-cancel", Scope.TRADE, 5, c -> {
            c.bodyWith(Set.of("symbol"));
            final String symbol = c.string("symbol", false);
            final Command cmd = new Command();
            cmd.type = CommandType.MASS_CANCEL;
            cmd.accountId = c.principal().accountId();
            cmd.instrumentId = symbol == null ? 0 : instrument(symbol).instrumentId();
            return command(cmd);
        }));
        r.add(Route.inline(HttpMethod.POST, "/v1/orders/cancel-all-after", Scope.TRADE, 1, c -> {
            c.bodyWith(Set.of("timeoutMs"));
            final long timeoutMs = c.longField("timeoutMs", true, 0, 86_400_000L);
            return ports.orderEntry().cancelAllAfter(c.principal().accountId(), timeoutMs)
                    .thenApply(at -> Reply.json(200, new JsonObject().put("timeoutMs", timeoutMs)
                            .put("triggerAtNs", at)));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/orders", Scope.READ, 2, c -> orders(
                ports.readModels().openOrders(c.principal().accountId()))));
        r.add(new Route(HttpMethod.GET, "/v1/orders/history", Scope.READ, 5, c -> orders(
                ports.readModels().orderHistory(c.principal().accountId(), (int) c.queryLong("limit", 100, 1, 1000)))));
        r.add(new Route(HttpMethod.GET, "/v1/orders/{orderId}", Scope.READ, 1, c -> {
            final ReadModels.OrderView o = ports.readModels().order(c.principal().accountId(), orderId(c))
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such order"));
            return done(200, Views.order(byId(o.instrumentId()), o));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/orders/by-client-id/{clientOrderId}", Scope.READ, 1, c -> {
            final ReadModels.OrderView o = ports.readModels()
                    .orderByClientId(c.principal().accountId(), Views.clientOrderId(c.path("clientOrderId")))
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such order"));
            return done(200, Views.order(byId(o.instrumentId()), o));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/fills", Scope.READ, 5, c -> {
            final JsonArray out = new JsonArray();
            ports.readModels().fills(c.principal().accountId(), (int) c.queryLong("limit", 100, 1, 1000))
                    .forEach(f -> out.add(Views.fill(byId(f.instrumentId()), f)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/balances", Scope.READ, 2, c -> {
            final JsonArray out = new JsonArray();
            ports.readModels().balances(c.principal().accountId()).forEach(b -> out.add(Views.balance(b)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/transfers", Scope.READ, 5, c -> transfers(c, null)));
        r.add(new Route(HttpMethod.GET, "/v1/deposits", Scope.READ, 5, c -> transfers(c, "DEPOSIT")));
        r.add(new Route(HttpMethod.GET, "/v1/withdrawals", Scope.READ, 5, c -> transfers(c, "WITHDRAWAL")));
        r.add(new Route(HttpMethod.POST, "/v1/deposits", Scope.OPERATE, 5, c -> {
            c.bodyWith(Set.of("accountId", "assetId", "chainId", "amount", "chainEventId"));
            final Command cmd = new Command();
            cmd.type = CommandType.CREDIT_DEPOSIT;
            cmd.accountId = c.longField("accountId", true, 1, Long.MAX_VALUE);
            cmd.assetId = (int) c.longField("assetId", true, 1, 65_535);
            cmd.chainId = (int) c.longField("chainId", true, 1, Integer.MAX_VALUE);
            cmd.amount = c.longField("amount", true, 1, Long.MAX_VALUE);
            final long[] id = id128(c.string("chainEventId", true));
            cmd.transferIdHi = id[0];
            cmd.transferIdLo = id[1];
            return command(cmd);
        }));
        r.add(new Route(HttpMethod.POST, "/v1/withdrawals", Scope.WITHDRAW, 5, c -> {
            c.bodyWith(Set.of("assetId", "chainId", "amount", "requestId"));
            final Command cmd = new Command();
            cmd.type = CommandType.REQUEST_WITHDRAWAL;
            cmd.accountId = c.principal().accountId();
            cmd.assetId = (int) c.longField("assetId", true, 1, 65_535);
            cmd.chainId = (int) c.longField("chainId", true, 1, Integer.MAX_VALUE);
            cmd.amount = c.longField("amount", true, 1, Long.MAX_VALUE);
            final long[] id = id128("withdrawal:" + cmd.accountId + ":" + c.string("requestId", true));
            cmd.transferIdHi = id[0];
            cmd.transferIdLo = id[1];
            return command(cmd);
        }));
        r.add(new Route(HttpMethod.POST, "/v1/accounts", Scope.ADMIN, 5, c -> {
            c.bodyWith(Set.of("accountId"));
            final Command cmd = new Command();
            cmd.type = CommandType.ADD_ACCOUNT;
            cmd.accountId = c.longField("accountId", true, 1, Integer.MAX_VALUE);
            return command(cmd);
        }));
        r.add(new Route(HttpMethod.POST, "/v1/keys", Scope.ADMIN, 5, c -> {
            c.bodyWith(Set.of("accountId", "scopes"));
            final long accountId = c.longField("accountId", true, 1, Long.MAX_VALUE);
            final ApiKeys.ApiKey key = apiKeys.create(accountId, scopes(c.body().getValue("scopes")));
            return done(200, new JsonObject().put("keyId", key.keyId()).put("secret", key.secret())
                    .put("accountId", accountId).put("scopes", names(key.scopes())));
        }));
        r.add(new Route(HttpMethod.POST, "/v1/wallets", Scope.ADMIN, 5, c -> {
            c.bodyWith(Set.of("address", "accountId", "scopes"));
            final String address = c.string("address", true);
            if (!address.matches("0x[0-9a-fA-F]{40}")) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "address must be 0x + 40 hex", new JsonObject().put("field", "address"));
            }
            final var w = wallets.register(address, c.longField("accountId", true, 1, Long.MAX_VALUE),
                    scopes(c.body().getValue("scopes")));
            return done(200, new JsonObject().put("address", w.address()).put("accountId", w.accountId()));
        }));
        r.add(new Route(HttpMethod.POST, "/v1/agents", Scope.TRADE, 5, c -> {
            c.bodyWith(Set.of("agent", "scopes", "validUntilMs"));
            final String agent = c.string("agent", true);
            if (!agent.matches("0x[0-9a-fA-F]{40}")) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "agent must be 0x + 40 hex", new JsonObject().put("field", "agent"));
            }
            final Set<Scope> scopes = scopes(c.body().getValue("scopes"));
            final long validUntilMs = c.longField("validUntilMs", true, 1, Long.MAX_VALUE);
            try {
                final var a = wallets.approveAgent(c.principal(), agent, scopes, validUntilMs, System.currentTimeMillis());
                return done(200, new JsonObject().put("wallet", a.wallet()).put("agent", a.agent())
                        .put("validUntilMs", a.validUntilMs()).put("scopes", names(a.scopes())));
            } catch (final space.tokenta.gateway.auth.AuthException e) {
                throw new ApiException(ErrorCode.FORBIDDEN_SCOPE, e.getMessage());
            } catch (final IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_FIELD, e.getMessage());
            }
        }));
        r.add(new Route(HttpMethod.POST, "/v1/webhooks", Scope.READ, 5, c -> {
            c.bodyWith(Set.of("url", "events"));
            final String url = c.string("url", true);
            final Object events = c.body().getValue("events");
            if (!(events instanceof JsonArray list) || list.isEmpty() || list.size() > 10) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "events must be a non-empty array",
                        new JsonObject().put("field", "events"));
            }
            final Set<String> types = new java.util.HashSet<>();
            list.forEach(o -> types.add(String.valueOf(o)));
            try {
                final var s = webhooks.register(c.principal().accountId(), url, types);
                return done(200, new JsonObject().put("id", s.id()).put("url", s.url()).put("secret", s.secret())
                        .put("events", new JsonArray(s.eventTypes().stream().sorted().toList())));
            } catch (final space.tokenta.gateway.webhook.WebhookTargetPolicy.RejectedTarget e) {
                throw new ApiException(ErrorCode.WEBHOOK_TARGET_FORBIDDEN, e.getMessage(),
                        new JsonObject().put("field", "url").put("reason", e.reason()));
            } catch (final IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_FIELD, e.getMessage(), new JsonObject().put("field", "events"));
            }
        }));
        r.add(new Route(HttpMethod.GET, "/v1/webhooks", Scope.READ, 1, c -> {
            final JsonArray out = new JsonArray();
            webhooks.subscriptions(c.principal().accountId()).forEach(s -> out.add(new JsonObject().put("id", s.id())
                    .put("url", s.url()).put("events", new JsonArray(s.eventTypes().stream().sorted().toList()))));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.GET, "/v1/webhooks/dead-letters", Scope.READ, 2, c -> {
            final JsonArray out = new JsonArray();
            webhooks.deadLetters(c.principal().accountId()).forEach(d -> out.add(Views.record(d)));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.POST, "/v1/webhooks/dead-letters/{deadLetterId}/replay", Scope.READ, 2, c -> {
            c.bodyWith(Set.of());
            if (!webhooks.replay(c.principal().accountId(), c.path("deadLetterId"))) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no such dead letter");
            }
            return done(200, new JsonObject().put("replayed", c.path("deadLetterId")));
        }));
        r.add(new Route(HttpMethod.GET, "/v1/keys", Scope.READ, 2, c -> {
            final JsonArray out = new JsonArray();
            apiKeys.forAccount(c.principal().accountId()).forEach(k -> out.add(new JsonObject().put("keyId", k.keyId())
                    .put("scopes", names(k.scopes()))));
            return done(200, out);
        }));
        r.add(new Route(HttpMethod.POST, "/v1/session", Scope.READ, 5, c -> {
            c.bodyWith(Set.of("scopes"));
            final Set<Scope> wanted = c.body().getValue("scopes") == null ? c.principal().scopes()
                    : scopes(c.body().getValue("scopes"));
            for (final Scope s : wanted) {
                if (!c.principal().has(s)) {
                    throw new ApiException(ErrorCode.FORBIDDEN_SCOPE, "cannot grant scope " + s.name().toLowerCase());
                }
            }
            return done(200, new JsonObject().put("token", sessions.issue(c.principal().accountId(), wanted,
                    System.currentTimeMillis())));
        }));
        r.add(new Route(HttpMethod.POST, "/v1/admin/jwks/rotate", Scope.ADMIN, 5, c -> {
            c.bodyWith(Set.of());
            return done(200, new JsonObject().put("kid", sessions.rotate()));
        }));
        return List.copyOf(r);
    }

    private static Set<Scope> scopes(final Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 7) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "scopes must be a non-empty array",
                    new JsonObject().put("field", "scopes"));
        }
        final Set<Scope> out = EnumSet.noneOf(Scope.class);
        for (final Object o : array) {
            try {
                final Scope s = Scope.valueOf(String.valueOf(o).toUpperCase(java.util.Locale.ROOT));
                if (s == Scope.PUBLIC) {
                    throw new IllegalArgumentException();
                }
                out.add(s);
            } catch (final IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "unknown scope", new JsonObject().put("field", "scopes"));
            }
        }
        return out;
    }

    private static JsonArray names(final Set<Scope> scopes) {
        final JsonArray out = new JsonArray();
        scopes.stream().map(s -> s.name().toLowerCase()).sorted().forEach(out::add);
        return out;
    }

    private static long[] id128(final String text) {
        if (text == null || text.isEmpty() || text.length() > 200) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "id must be 1..200 chars");
        }
        try {
            final byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
            // The engine reserves part of the id space for itself: keep the high bit set here.
            return new long[] {b.getLong() | Long.MIN_VALUE, b.getLong()};
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Reply> transfers(final Call c, final String kind) {
        final JsonArray out = new JsonArray();
        ports.readModels().transfers(c.principal().accountId(), (int) c.queryLong("limit", 100, 1, 1000)).stream()
                .filter(t -> kind == null || t.kind().equals(kind))
                .forEach(t -> out.add(Views.record(t)));
        return done(200, out);
    }

    private CompletableFuture<Reply> orders(final List<ReadModels.OrderView> orders) {
        final JsonArray out = new JsonArray();
        orders.forEach(o -> out.add(Views.order(byId(o.instrumentId()), o)));
        return done(200, out);
    }

    private static long orderId(final Call c) {
        final String s = c.path("orderId");
        if (s == null || !s.matches("[1-9][0-9]{0,17}")) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "orderId must be a positive integer",
                    new JsonObject().put("field", "orderId"));
        }
        return Long.parseLong(s);
    }

    public InstrumentView instrument(final String symbol) {
        if (symbol == null || symbol.length() > 64) {
            throw new ApiException(ErrorCode.UNKNOWN_SYMBOL, "unknown symbol");
        }
        return ports.readModels().instrument(symbol).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_SYMBOL,
                "unknown symbol", new JsonObject().put("symbol", symbol)));
    }

    private InstrumentView byId(final int instrumentId) {
        return ports.readModels().instruments().stream().filter(i -> i.instrumentId() == instrumentId).findFirst()
                .orElse(null);
    }

    public Command orderCommand(final Call c) {
        c.bodyWith(ORDER_FIELDS);
        final InstrumentView i = instrument(c.string("symbol", true));
        final Command cmd = new Command();
        cmd.accountId = c.principal().accountId();
        cmd.instrumentId = i.instrumentId();
        cmd.side = c.enumField("side", Side.class, null);
        cmd.orderType = c.enumField("type", OrderType.class, OrderType.LIMIT);
        cmd.timeInForce = c.enumField("timeInForce", TimeInForce.class,
                cmd.orderType == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC);
        cmd.stpMode = c.enumField("stp", StpMode.class, StpMode.EXPIRE_TAKER);
        if (cmd.orderType == OrderType.LIMIT) {
            cmd.priceTicks = Decimals.toUnits("price", c.string("price", true), i.priceDecimals(), ErrorCode.NOT_TICK_MULTIPLE);
        }
        final String protection = c.string("protectionPrice", cmd.orderType == OrderType.MARKET);
        if (protection != null) {
            cmd.protectionPriceTicks = Decimals.toUnits("protectionPrice", protection, i.priceDecimals(),
                    ErrorCode.NOT_TICK_MULTIPLE);
        }
        cmd.quantityLots = Decimals.toUnits("quantity", c.string("quantity", true), i.quantityDecimals(),
                ErrorCode.NOT_LOT_MULTIPLE);
        cmd.clientOrderId = Views.clientOrderId(c.string("clientOrderId", false));
        final long expireAtMs = c.longField("expireAtMs", false, 0, 4_102_444_800_000L);
        cmd.expireAtNs = expireAtMs * 1_000_000L;
        return cmd;
    }

    public CompletableFuture<Reply> place(final Call c) {
        final Command cmd = orderCommand(c);
        cmd.type = CommandType.PLACE_ORDER;
        return order(cmd, instrument(c.string("symbol", true)));
    }

    private CompletableFuture<Reply> command(final Command cmd) {
        return ports.orderEntry().submit(cmd).thenApply(result -> {
            final Event last = result.terminal();
            if (last instanceof Event.CommandRejected rejected) {
                throw new ApiException(ErrorCode.COMMAND_REJECTED, "rejected: " + rejected.reason().name(),
                        new JsonObject().put("reason", rejected.reason().name()));
            }
            return Reply.json(200, new JsonObject().put("seq", result.sequence()).put("status", "APPLIED"));
        });
    }

    /**
     * Submits an order command; answers with the order's outcome (ACCEPTED and resting, PARTIALLY_FILLED,
     * FILLED, CANCELLED for an unfilled rest that may not rest, DUPLICATE, AMENDED) and the fills of this command.
     */
    public CompletableFuture<Reply> order(final Command cmd, final InstrumentView instrument) {
        final long t0 = System.nanoTime();
        return ports.orderEntry().submit(cmd).thenApply(result -> {
            engineAck.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            return Reply.json(200, outcome(result, instrument));
        });
    }

    public static JsonObject outcome(final CommandResult result, final InstrumentView i) {
        final JsonObject out = new JsonObject().put("seq", result.sequence()).put("orderId", Long.toString(result.orderId()));
        final JsonArray fills = new JsonArray();
        String status = "ACCEPTED";
        for (final Event e : result.events()) {
            switch (e) {
                case Event.OrderRejected r -> throw new ApiException(ErrorCode.ORDER_REJECTED,
                        "order rejected: " + r.reason().name(), new JsonObject().put("reason", r.reason().name())
                                .put("orderId", Long.toString(r.orderId())));
                case Event.DuplicateOrder d -> {
                    if (d.originalOutcome() != space.tokenta.engine.event.RejectReason.NONE) {
                        throw new ApiException(ErrorCode.ORDER_REJECTED, "order rejected: " + d.originalOutcome().name(),
                                new JsonObject().put("reason", d.originalOutcome().name()).put("duplicate", true));
                    }
                    out.put("orderId", Long.toString(d.orderId())).put("duplicate", true);
                    status = "DUPLICATE";
                }
                case Event.Trade t -> {
                    fills.add(new JsonObject().put("tradeId", Long.toString(t.tradeId()))
                            .put("price", i == null ? Long.toString(t.priceTicks()) : Views.price(i, t.priceTicks()))
                            .put("quantity", i == null ? Long.toString(t.quantityLots()) : Views.qty(i, t.quantityLots())));
                    if (t.takerOrderId() == result.orderId()) {
                        status = t.takerRemainingLots() == 0 ? "FILLED" : "PARTIALLY_FILLED";
                    }
                }
                case Event.OrderCancelled x -> status = x.orderId() == result.orderId() ? "CANCELLED" : status;
                case Event.OrderAmended a -> status = "AMENDED";
                default -> {
                }
            }
        }
        return out.put("status", status).put("fills", fills);
    }

    static CompletableFuture<Reply> done(final int status, final Object json) {
        return CompletableFuture.completedFuture(Reply.json(status, json));
    }
}
