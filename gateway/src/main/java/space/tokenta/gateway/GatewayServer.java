package space.tokenta.gateway;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import space.tokenta.gateway.api.ApiException;
import space.tokenta.gateway.api.Call;
import space.tokenta.gateway.api.ErrorCode;
import space.tokenta.gateway.api.ExchangeRoutes;
import space.tokenta.gateway.api.IdempotencyStore;
import space.tokenta.gateway.api.Reply;
import space.tokenta.gateway.api.Route;
import space.tokenta.gateway.api.TokenBuckets;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.AuthException;
import space.tokenta.gateway.auth.HmacSigner;
import space.tokenta.gateway.auth.JwtSessions;
import space.tokenta.gateway.auth.NonceWindow;
import space.tokenta.gateway.auth.Principal;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.persist.CredentialStore;
import space.tokenta.gateway.port.OrderEntryBusyException;
import space.tokenta.gateway.port.OrderEntryUnavailableException;
import space.tokenta.gateway.ws.StreamHub;

/**
 * The HTTP and WebSocket server: route table with a scope per route, body limit, per-IP and per-key
 * token buckets, HMAC/JWT authentication, Stripe-style idempotency on every POST, typed errors.
 */
public final class GatewayServer implements AutoCloseable {
    public static final String HEADER_KEY = "TK-KEY";
    public static final String HEADER_TIMESTAMP = "TK-TIMESTAMP";
    public static final String HEADER_NONCE = "TK-NONCE";
    public static final String HEADER_SIGNATURE = "TK-SIGNATURE";

    private enum State { STARTING, SERVING, CLOSED }

    private final Vertx vertx;
    private final Ports ports;
    private final GatewayConfig config;
    /** Threads and queue of the worker pool that runs blocking handlers (JDBC) off the event loop. */
    public static final int WORKER_THREADS = 4;
    public static final int WORKER_QUEUE = 1_024;

    private final ApiKeys apiKeys;
    private final space.tokenta.gateway.auth.WalletAuth wallets;
    private final java.util.concurrent.ThreadPoolExecutor workers;
    private final JwtSessions sessions;
    private final NonceWindow nonces;
    private final IdempotencyStore idempotency;
    private final TokenBuckets ipBuckets;
    private final TokenBuckets keyBuckets;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Route> routes;
    private final ExchangeRoutes exchangeRoutes;
    private final space.tokenta.gateway.webhook.WebhookDispatcher webhooks;
    private final StreamHub hub;
    private final space.tokenta.gateway.web.StaticAssets webAssets;
    private HttpServer server;
    private volatile State state = State.STARTING;

    private GatewayServer(final Ports ports, final GatewayConfig config, final CredentialStore credentials) {
        this.vertx = Vertx.vertx();
        this.ports = ports;
        this.config = config;
        final CredentialStore.Contents stored = credentials.load();
        this.apiKeys = new ApiKeys(credentials, stored.apiKeys());
        this.wallets = new space.tokenta.gateway.auth.WalletAuth(1, credentials, stored.wallets(), stored.agents());
        final java.util.concurrent.atomic.AtomicInteger workerIds = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = new java.util.concurrent.ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(WORKER_QUEUE), r -> {
                    final Thread t = new Thread(r, "tokenta-gateway-worker-" + workerIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        this.sessions = new JwtSessions(config.jwtTtlMs());
        this.nonces = new NonceWindow(1_000_000, config.hmacWindowMs());
        this.idempotency = new IdempotencyStore(config.idempotencyCapacity(), config.idempotencyTtlMs());
        this.ipBuckets = new TokenBuckets(config.rateCapacity(), config.ratePerSecond(), 100_000);
        this.keyBuckets = new TokenBuckets(config.rateCapacity(), config.ratePerSecond(), 100_000);
        this.hub = new StreamHub(vertx, ports, config, this, metrics);
        this.webhooks = new space.tokenta.gateway.webhook.WebhookDispatcher(ports.eventFeed(),
                config.webhookMaxAttempts(), config.webhookBaseDelayMs(), credentials, stored.webhooks(),
                new space.tokenta.gateway.webhook.WebhookTargetPolicy(config.webhookAllowPrivateTargets(),
                        space.tokenta.gateway.webhook.WebhookTargetPolicy.SYSTEM_RESOLVER));
        this.exchangeRoutes = new ExchangeRoutes(ports, apiKeys, wallets, webhooks, sessions, metrics, config, this::isServing);
        this.routes = java.util.stream.Stream.of(exchangeRoutes.routes(),
                new space.tokenta.gateway.api.VerificationRoutes(ports).routes(),
                new space.tokenta.gateway.api.AnalyticsRoutes(ports, System::currentTimeMillis).routes())
                .flatMap(List::stream).toList();
        metrics.gauge("tokenta.projector.lag.ms", ports, p -> p.readModels().projectorLagMs());
        this.webAssets = config.webRoot() == null ? null
                : new space.tokenta.gateway.web.StaticAssets(config.webRoot(), List.of("/v1", "/metrics"));
    }

    /** Starts serving; returns once the port is bound. */
    public static GatewayServer start(final Ports ports, final GatewayConfig config) {
        return start(ports, config, CredentialStore.inMemory());
    }

    /** As {@link #start(Ports, GatewayConfig)} with keys, wallets, agents and webhooks kept in {@code credentials}. */
    public static GatewayServer start(final Ports ports, final GatewayConfig config, final CredentialStore credentials) {
        final GatewayServer gateway = new GatewayServer(ports, config, credentials);
        try {
            gateway.listen();
        } catch (final RuntimeException e) {
            gateway.workers.shutdownNow();
            throw e;
        }
        return gateway;
    }

    /**
     * Runs blocking work (JDBC) on the bounded worker pool; a full queue fails the future at once with
     * a {@link java.util.concurrent.RejectedExecutionException} (answered 429 SERVER_BUSY).
     */
    public <T> CompletableFuture<T> blocking(final java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, workers);
        } catch (final java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void listen() {
        hub.start();
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setMaxWebSocketMessageSize(config.maxBodyBytes()).setMaxWebSocketFrameSize(config.maxBodyBytes()));
        server.requestHandler(this::onRequest);
        // listening on the hub's context puts every connection on the hub's event loop: the hub writes
        // stream messages (fills, books) to a socket from the thread that owns it, without a second hop
        final CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        hub.context().runOnContext(v -> server.listen().onComplete(bound::complete, bound::completeExceptionally));
        try {
            bound.get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            vertx.close();
            throw new IllegalStateException("gateway could not listen on " + config.host() + ":" + config.port(), e);
        }
        state = State.SERVING;
    }

    public int port() {
        return server.actualPort();
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public space.tokenta.gateway.auth.WalletAuth wallets() {
        return wallets;
    }

    public JwtSessions sessions() {
        return sessions;
    }

    public List<Route> routes() {
        return routes;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Order entry over WebSocket: the same validation and engine path as POST /v1/orders. */
    public CompletableFuture<Reply> placeOverWebSocket(final Principal principal, final Object args) {
        try {
            if (!(args instanceof JsonObject body)) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "args must be an order object");
            }
            return exchangeRoutes.place(new Call(principal, Map.of(), io.vertx.core.MultiMap.caseInsensitiveMultiMap(), body));
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    boolean isServing() {
        return state == State.SERVING;
    }

    private void onRequest(final HttpServerRequest request) {
        final long startNs = System.nanoTime();
        final String path = request.path();
        if ("/v1/ws".equals(path)) {
            hub.accept(request);
            return;
        }
        if (webAssets != null && webAssets.claims(request.method(), path)) {
            webAssets.serve(request);
            return;
        }
        final Buffer body = Buffer.buffer();
        final boolean[] tooLarge = {false};
        final String lengthHeader = request.getHeader("Content-Length");
        if (lengthHeader != null && lengthHeader.matches("[0-9]{1,18}")
                && Long.parseLong(lengthHeader) > config.maxBodyBytes()) {
            // Discard the body (never buffered) and answer 413 at its end, the connection stays usable.
            tooLarge[0] = true;
        }
        request.handler(chunk -> {
            if (body.length() + chunk.length() > config.maxBodyBytes()) {
                tooLarge[0] = true;
            } else if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> { });
        request.endHandler(v -> {
            if (tooLarge[0]) {
                reply(request, startNs, "unmatched", errorReply(new ApiException(ErrorCode.BODY_TOO_LARGE,
                        "body exceeds " + config.maxBodyBytes() + " bytes")));
                return;
            }
            dispatch(request, body.getBytes(), startNs);
        });
    }

    private void dispatch(final HttpServerRequest request, final byte[] body, final long startNs) {
        final String path = request.path();
        Route route = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (final boolean literalPass : new boolean[] {true, false}) {
            for (final Route r : routes) {
                if (r.literal() != literalPass) {
                    continue;
                }
                final Map<String, String> m = r.match(path);
                if (m != null) {
                    pathKnown = true;
                    if (r.method().equals(request.method())) {
                        route = r;
                        params = m;
                        break;
                    }
                }
            }
            if (route != null) {
                break;
            }
        }
        if (route == null) {
            reply(request, startNs, "unmatched", errorReply(pathKnown
                    ? new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed")
                    : new ApiException(ErrorCode.NOT_FOUND, "no such route")));
            return;
        }
        final Route matched = route;
        final String routeTag = matched.method().name() + " " + matched.pattern();
        try {
            final long nowMs = System.currentTimeMillis();
            final String ip = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
            limit(request, ipBuckets.take("ip:" + ip, matched.weight(), nowMs));
            Principal principal = null;
            if (matched.scope() != Scope.PUBLIC) {
                principal = authenticate(request, body, nowMs);
                limit(request, keyBuckets.take("key:" + principal.keyId(), matched.weight(), nowMs));
                if (!principal.has(matched.scope())) {
                    throw new ApiException(ErrorCode.FORBIDDEN_SCOPE, "route needs scope " + matched.scope().name().toLowerCase(),
                            new JsonObject().put("scope", matched.scope().name().toLowerCase()));
                }
            }
            JsonObject json = new JsonObject();
            String idemKey = null;
            String requestHash = null;
            if (matched.method() == HttpMethod.POST) {
                idemKey = request.getHeader("Idempotency-Key");
                if (idemKey == null || !idemKey.matches("[A-Za-z0-9_:.-]{8,128}")) {
                    throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_MISSING,
                            "POST needs an Idempotency-Key header of 8..128 of [A-Za-z0-9_:.-]");
                }
                json = parseObject(body);
                requestHash = sha256Hex(matched.pattern() + "\n" + request.path() + "\n" + request.query() + "\n",
                        body);
                idemKey = (principal == null ? "ip:" + ip : principal.keyId()) + "|" + idemKey;
                final IdempotencyStore.Lookup lookup = idempotency.begin(idemKey, requestHash, nowMs);
                switch (lookup.outcome()) {
                    case REPLAY -> {
                        request.response().putHeader("Idempotent-Replayed", "true");
                        reply(request, startNs, routeTag, new Reply(lookup.stored().status(), lookup.stored().body(),
                                "application/json"));
                        return;
                    }
                    case MISMATCH -> throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "Idempotency-Key was used with a different request");
                    case IN_PROGRESS -> throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                            "a request with this Idempotency-Key is in progress");
                    case NEW -> {
                    }
                }
            } else if (body.length > 0) {
                throw new ApiException(ErrorCode.INVALID_FIELD, matched.method().name() + " takes no body");
            }
            final Call call = new Call(principal, params, request.params(), json);
            final String key = idemKey;
            final String hash = requestHash;
            final CompletableFuture<Reply> future;
            try {
                final CompletableFuture<Reply> handled = matched.blocking()
                        ? blocking(() -> matched.handler().handle(call)).thenCompose(f -> f)
                        : matched.handler().handle(call);
                future = handled.orTimeout(config.engineTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (final RuntimeException e) {
                if (key != null) {
                    idempotency.abandon(key);
                }
                throw e;
            }
            final io.vertx.core.Context context = vertx.getOrCreateContext();
            future.whenComplete((result, failure) -> context.runOnContext(v -> {
                final Reply out = failure == null ? result : errorReply(unwrap(failure));
                if (key != null) {
                    if (out.status() < 500 && out.status() != 429 && out.status() != 409) {
                        idempotency.complete(key, hash, out.status(), out.body());
                    } else if (out.status() == 429) {
                        idempotency.abandon(key);
                    }
                }
                reply(request, startNs, routeTag, out);
            }));
        } catch (final RuntimeException e) {
            reply(request, startNs, routeTag, errorReply(e));
        }
    }

    private void limit(final HttpServerRequest request, final TokenBuckets.Decision decision) {
        request.response().putHeader("X-RateLimit-Remaining-Weight", Long.toString(decision.remaining()));
        if (!decision.allowed()) {
            request.response().putHeader("Retry-After", Long.toString(Math.max(1, (decision.retryAfterMs() + 999) / 1000)));
            throw new ApiException(ErrorCode.RATE_LIMITED, "rate limit exceeded",
                    new JsonObject().put("retryAfterMs", decision.retryAfterMs()));
        }
    }

    /** HMAC headers or a Bearer session token. */
    Principal authenticate(final HttpServerRequest request, final byte[] body, final long nowMs) {
        final String authorization = request.getHeader("Authorization");
        try {
            if (authorization != null) {
                if (!authorization.startsWith("Bearer ") || authorization.length() > 4096) {
                    throw new AuthException(AuthException.Kind.MISSING, "Authorization must be a Bearer token");
                }
                return sessions.verify(authorization.substring(7), nowMs);
            }
            if (request.getHeader("TK-WALLET") != null) {
                return wallets.verify(request.getHeader("TK-WALLET"), request.getHeader("TK-WALLET-NONCE"),
                        request.getHeader("TK-WALLET-EXPIRY"), request.getHeader("TK-WALLET-SIGNATURE"),
                        request.method().name(), request.path(), request.query(), body, nowMs);
            }
            return verifyHmac(request.getHeader(HEADER_KEY), request.getHeader(HEADER_TIMESTAMP),
                    request.getHeader(HEADER_NONCE), request.getHeader(HEADER_SIGNATURE), request.method().name(),
                    request.path(), request.query(), body, nowMs);
        } catch (final AuthException e) {
            throw authError(e);
        }
    }

    public Principal verifyHmac(final String keyId, final String timestamp, final String nonce, final String signature,
            final String method, final String path, final String query, final byte[] body, final long nowMs) {
        if (keyId == null || timestamp == null || nonce == null || signature == null) {
            throw new AuthException(AuthException.Kind.MISSING, "credentials required (HMAC headers or Bearer token)");
        }
        final ApiKeys.ApiKey key = apiKeys.find(keyId);
        if (key == null || !timestamp.matches("[0-9]{1,15}") || !nonce.matches("[A-Za-z0-9_-]{8,64}")) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "unknown key or malformed credentials");
        }
        final long ts = Long.parseLong(timestamp);
        final String expected = HmacSigner.sign(key.secret(), ts, nonce, method, path, query, body);
        if (!HmacSigner.constantTimeEquals(expected, signature)) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "signature does not match");
        }
        if (Math.abs(nowMs - ts) > config.hmacWindowMs()) {
            throw new AuthException(AuthException.Kind.TIMESTAMP, "timestamp outside the " + config.hmacWindowMs() + " ms window");
        }
        if (!nonces.firstUse(keyId, nonce, nowMs)) {
            throw new AuthException(AuthException.Kind.NONCE_REUSED, "nonce already used");
        }
        return new Principal(key.accountId(), key.scopes(), "hmac", key.keyId());
    }

    public static ApiException authError(final AuthException e) {
        final ErrorCode code = switch (e.kind()) {
            case MISSING -> ErrorCode.UNAUTHENTICATED;
            case BAD_SIGNATURE -> ErrorCode.BAD_SIGNATURE;
            case TIMESTAMP -> ErrorCode.TIMESTAMP_OUTSIDE_WINDOW;
            case NONCE_REUSED -> ErrorCode.NONCE_REUSED;
            case EXPIRED -> ErrorCode.TOKEN_EXPIRED;
        };
        return new ApiException(code, e.getMessage());
    }

    static JsonObject parseObject(final byte[] body) {
        if (body.length == 0) {
            return new JsonObject();
        }
        try {
            final Object value = io.vertx.core.json.Json.decodeValue(Buffer.buffer(body));
            if (value instanceof JsonObject o) {
                return o;
            }
        } catch (final DecodeException | IllegalStateException | ClassCastException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "body is not valid JSON");
        }
        throw new ApiException(ErrorCode.MALFORMED_JSON, "body must be a JSON object");
    }

    static String sha256Hex(final String head, final byte[] body) {
        try {
            final MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(head.getBytes(StandardCharsets.UTF_8));
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static Reply errorReply(final Throwable failure) {
        final ApiException api;
        int status;
        if (failure instanceof ApiException e) {
            api = e;
            status = e.code().httpStatus();
        } else if (failure instanceof AuthException e) {
            api = authError(e);
            status = api.code().httpStatus();
        } else if (failure instanceof java.util.concurrent.RejectedExecutionException) {
            api = new ApiException(ErrorCode.SERVER_BUSY, "gateway busy; nothing was done, retry");
            status = 429;
        } else if (failure instanceof space.tokenta.gateway.store.ReadModelUnavailableException
                || failure instanceof space.tokenta.gateway.persist.CredentialStoreException) {
            api = new ApiException(ErrorCode.READ_MODELS_UNAVAILABLE, "database unavailable; retry");
            status = 503;
        } else if (failure instanceof OrderEntryBusyException) {
            api = new ApiException(ErrorCode.ENGINE_BUSY, "engine busy; the command was not taken, retry");
            status = 429;
        } else if (failure instanceof TimeoutException || failure instanceof OrderEntryUnavailableException) {
            api = new ApiException(ErrorCode.STATUS_UNKNOWN, "status unknown; reconcile by client order id");
            status = 504;
        } else {
            api = new ApiException(ErrorCode.STATUS_UNKNOWN, "status unknown; reconcile by client order id");
            status = 503;
        }
        return new Reply(status, api.toJson().encode(), "application/json");
    }

    private void reply(final HttpServerRequest request, final long startNs, final String routeTag, final Reply reply) {
        if (reply.status() == 429 && request.response().headers().get("Retry-After") == null) {
            request.response().putHeader("Retry-After", "1");
        }
        Timer.builder("tokenta.http.requests").tag("route", routeTag).tag("status", Integer.toString(reply.status()))
                .publishPercentiles(0.5, 0.99, 0.999).register(metrics)
                .record(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
        if (reply.status() >= 400) {
            metrics.counter("tokenta.http.errors", "status", Integer.toString(reply.status())).increment();
        }
        if (request.response().ended()) {
            return;
        }
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).end(reply.body());
    }

    @Override
    public void close() {
        state = State.CLOSED;
        hub.close();
        webhooks.close();
        workers.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            Thread.currentThread().interrupt();
        }
    }
}
