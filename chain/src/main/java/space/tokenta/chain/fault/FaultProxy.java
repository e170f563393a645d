package space.tokenta.chain.fault;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import space.tokenta.chain.rpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC proxy on 127.0.0.1 (HTTP and WebSocket) in front of one node, injecting faults as its
 * {@link FaultPlan} decides. Every decision is appended to a bounded trace ("eth_getLogs#3 WRONG_FORK")
 * so a seeded run can be compared with its replay. Batches pass through unfaulted.
 */
public final class FaultProxy implements AutoCloseable {
    public static final int MAX_TRACE = 100_000;
    public static final int MAX_BODY_BYTES = 8 << 20;
    /** Distinct keys counted separately; beyond this, unusual methods share one counter. */
    public static final int MAX_KEYS = 4_096;

    private final String name;
    private final URI target;
    private final Vertx vertx;
    private final java.net.http.HttpClient forwarder;
    private final WebSocketClient wsClient;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final List<String> trace = new ArrayList<>();
    private final char forkDigit;
    private volatile FaultPlan plan;
    private HttpServer server;
    private int port;

    public FaultProxy(final String name, final URI targetHttp, final FaultPlan plan) {
        this.name = name;
        this.target = targetHttp;
        this.plan = plan;
        this.forkDigit = "0123456789abcdef".charAt(Math.floorMod(name.hashCode(), 16));
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.forwarder = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        this.wsClient = vertx.createWebSocketClient();
    }

    /** Binds a free port on 127.0.0.1. */
    public FaultProxy start() {
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setMaxWebSocketFrameSize(MAX_BODY_BYTES)
                            .setMaxWebSocketMessageSize(MAX_BODY_BYTES))
                    .requestHandler(this::onRequest)
                    .webSocketHandler(this::onWebSocket)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": cannot bind proxy", e);
        }
        port = server.actualPort();
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/";
    }

    public void plan(final FaultPlan newPlan) {
        plan = newPlan;
    }

    public synchronized List<String> trace() {
        return List.copyOf(trace);
    }

    public synchronized void clearTrace() {
        trace.clear();
        counters.clear();
    }

    private Fault decide(final String key) {
        final String counted = counters.size() >= MAX_KEYS && !counters.containsKey(key) ? "*other*" : key;
        final long n = counters.computeIfAbsent(counted, k -> new AtomicLong()).getAndIncrement();
        final Fault fault = plan.decide(key, n);
        synchronized (this) {
            if (trace.size() < MAX_TRACE) {
                trace.add(key + "#" + n + " " + fault);
            }
        }
        return fault;
    }

    static String key(final String method, final JsonNode params) {
        final JsonNode first = params == null ? null : params.path(0);
        if (first != null && first.isString() && !first.asString().startsWith("0x")) {
            return method + ":" + first.asString();
        }
        return method;
    }

    // ---------------------------------------------------------------- HTTP

    private void onRequest(final HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (body.length() > MAX_BODY_BYTES) {
                request.response().setStatusCode(413).end();
                return;
            }
            final JsonNode call;
            try {
                call = JsonRpcCodec.parse(body.getBytes());
            } catch (RuntimeException e) {
                request.response().setStatusCode(400).end();
                return;
            }
            if (!call.isObject()) {
                forward(body).onComplete(r -> reply(request, r.succeeded() ? r.result() : null));
                return;
            }
            final String method = call.path("method").asString("");
            final JsonNode params = call.path("params");
            handle(request, body, call, method, params, decide(key(method, params)));
        });
    }

    private void handle(final HttpServerRequest request, final Buffer body, final JsonNode call, final String method,
                        final JsonNode params, final Fault fault) {
        switch (fault.kind()) {
            case NONE, WS_DROP -> forward(body).onComplete(r -> reply(request, r.succeeded() ? r.result() : null));
            case HANG -> vertx.setTimer(Math.max(1, fault.param()), t -> request.connection().close());
            case SLOW -> vertx.setTimer(Math.max(1, fault.param()),
                    t -> forward(body).onComplete(r -> reply(request, r.succeeded() ? r.result() : null)));
            case HTTP_429 -> request.response().setStatusCode(429).putHeader("Retry-After", Long.toString(fault.param()))
                    .end("rate limited");
            case HTTP_5XX -> request.response().setStatusCode((int) Math.max(500, Math.min(599, fault.param()))).end();
            case RPC_ERROR -> request.response().putHeader("Content-Type", "application/json")
                    .end(errorBody(call.path("id"), -32603, "internal error"));
            case STALE_HEAD -> stale(request, body, call, method, params, fault.param());
            case WRONG_FORK -> forward(body).onComplete(r -> {
                if (r.failed()) {
                    reply(request, null);
                    return;
                }
                final JsonNode answer = JsonRpcCodec.parse(r.result().getBytes());
                alterHashes(answer.path("result"), forkDigit, 0);
                reply(request, Buffer.buffer(JsonRpcCodec.MAPPER.writeValueAsBytes(answer)));
            });
            case RANGE_REFUSAL -> {
                if (method.equals("eth_getLogs") && rangeWidth(params.path(0)) > fault.param()) {
                    request.response().putHeader("Content-Type", "application/json")
                            .end(errorBody(call.path("id"), -32005, "block range too large, max " + fault.param() + " blocks"));
                } else {
                    forward(body).onComplete(r -> reply(request, r.succeeded() ? r.result() : null));
                }
            }
        }
    }

    private static long rangeWidth(final JsonNode filter) {
        try {
            final long from = JsonRpcCodec.quantity(filter.path("fromBlock").asString(""));
            final long to = JsonRpcCodec.quantity(filter.path("toBlock").asString(""));
            return to - from + 1;
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // tags: unbounded width
        }
    }

    private void stale(final HttpServerRequest request, final Buffer body, final JsonNode call, final String method,
                       final JsonNode params, final long lag) {
        final boolean latestBlock = method.equals("eth_getBlockByNumber") && "latest".equals(params.path(0).asString(""));
        if (!method.equals("eth_blockNumber") && !latestBlock) {
            forward(body).onComplete(r -> reply(request, r.succeeded() ? r.result() : null));
            return;
        }
        forward(Buffer.buffer(JsonRpcCodec.encodeRequest(1, "eth_blockNumber", JsonRpcCodec.params()))).onComplete(r -> {
            if (r.failed()) {
                reply(request, null);
                return;
            }
            final long head = JsonRpcCodec.quantity(JsonRpcCodec.parse(r.result().getBytes()).path("result"));
            final long old = Math.max(0, head - lag);
            if (!latestBlock) {
                final ObjectNode answer = JsonRpcCodec.NODES.objectNode();
                answer.put("jsonrpc", "2.0");
                answer.set("id", call.path("id"));
                answer.put("result", JsonRpcCodec.hex(old));
                reply(request, Buffer.buffer(JsonRpcCodec.MAPPER.writeValueAsBytes(answer)));
                return;
            }
            final ArrayNode oldParams = JsonRpcCodec.params(JsonRpcCodec.hex(old), params.path(1).asBoolean(false));
            final ObjectNode rewritten = JsonRpcCodec.NODES.objectNode();
            rewritten.put("jsonrpc", "2.0");
            rewritten.set("id", call.path("id"));
            rewritten.put("method", "eth_getBlockByNumber");
            rewritten.set("params", oldParams);
            forward(Buffer.buffer(JsonRpcCodec.MAPPER.writeValueAsBytes(rewritten)))
                    .onComplete(b -> reply(request, b.succeeded() ? b.result() : null));
        });
    }

    /** Flips the last hex digit of every block hash field, recursively (bounded depth). */
    static void alterHashes(final JsonNode node, final char digit, final int depth) {
        if (depth > 6 || node == null) {
            return;
        }
        if (node.isObject()) {
            final ObjectNode object = (ObjectNode) node;
            for (final String field : List.of("hash", "blockHash", "parentHash")) {
                final JsonNode value = object.get(field);
                if (value != null && value.isString() && value.asString().length() == 66) {
                    object.put(field, flipLast(value.asString(), digit));
                }
            }
            for (final Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getValue().isContainer()) {
                    alterHashes(e.getValue(), digit, depth + 1);
                }
            }
        } else if (node.isArray()) {
            for (final JsonNode child : node) {
                alterHashes(child, digit, depth + 1);
            }
        }
    }

    /** Each proxy forks to its own hash (its own last digit), so two forked proxies never agree. */
    private static String flipLast(final String hash, final char digit) {
        final char last = hash.charAt(hash.length() - 1);
        final char second = hash.charAt(hash.length() - 2);
        // Keep the proxy's digit last; change the second-to-last digit if that alone would not alter the hash.
        final char newSecond = last == digit ? (second == 'e' ? 'd' : 'e') : second;
        return hash.substring(0, hash.length() - 2) + newSecond + digit;
    }

    private static String errorBody(final JsonNode id, final int code, final String message) {
        final ObjectNode error = JsonRpcCodec.NODES.objectNode();
        error.put("jsonrpc", "2.0");
        error.set("id", id == null || id.isMissingNode() ? JsonRpcCodec.NODES.nullNode() : id);
        final ObjectNode e = error.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return JsonRpcCodec.canonical(error);
    }

    private Future<Buffer> forward(final Buffer body) {
        final java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(target)
                .timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getBytes())).build();
        final io.vertx.core.Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(forwarder.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> {
                    if (r.statusCode() != 200 || r.body().length > MAX_BODY_BYTES) {
                        throw new IllegalStateException("upstream HTTP " + r.statusCode());
                    }
                    return Buffer.buffer(r.body());
                }), context);
    }

    private static void reply(final HttpServerRequest request, final Buffer body) {
        if (body == null) {
            request.response().setStatusCode(502).end();
        } else {
            request.response().putHeader("Content-Type", "application/json").end(body);
        }
    }

    // ---------------------------------------------------------------- WebSocket

    private void onWebSocket(final ServerWebSocket downstream) {
        final WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.getHost()).setPort(target.getPort()).setURI("/");
        downstream.pause();
        wsClient.connect(options).onComplete(r -> {
            if (r.failed()) {
                downstream.close((short) 1011, "upstream unavailable");
                return;
            }
            final WebSocket upstream = r.result();
            downstream.textMessageHandler(upstream::writeTextMessage);
            downstream.closeHandler(v -> upstream.close());
            upstream.closeHandler(v -> downstream.close());
            upstream.textMessageHandler(message -> {
                if (message.contains("\"eth_subscription\"") && decide("eth_subscription").kind() == FaultKind.WS_DROP) {
                    downstream.close((short) 1001, "subscription dropped");
                    upstream.close();
                    return;
                }
                downstream.writeTextMessage(message);
            });
            downstream.resume();
        });
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the event loop is a daemon thread; nothing else to release
        } finally {
            forwarder.shutdownNow();
        }
    }
}
