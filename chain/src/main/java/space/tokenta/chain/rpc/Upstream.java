package space.tokenta.chain.rpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.health.UpstreamHealth;
import space.tokenta.chain.health.UpstreamState;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC endpoint with its guards: an in-flight bound, an adaptive rate budget, a circuit
 * breaker for the upstream and one per method (Resilience4j), and its health record.
 */
public final class Upstream {
    /** Methods beyond this many share one breaker, so the breaker map stays bounded. */
    public static final int MAX_METHOD_BREAKERS = 128;
    private static final String OTHER_METHODS = "*other*";

    private final UpstreamConfig config;
    private final HttpTransport transport;
    private final UpstreamHealth health;
    private final CircuitBreaker breaker;
    private final CircuitBreakerConfig breakerConfig;
    private final ConcurrentHashMap<String, CircuitBreaker> methodBreakers = new ConcurrentHashMap<>();
    private final RateBudget budget;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    public Upstream(final UpstreamConfig config, final RpcPolicy policy, final Executor executor) {
        this.config = config;
        this.health = new UpstreamHealth(policy.latencyBucketMicros());
        this.transport = new HttpTransport(config.httpUrl(), policy.maxResponseBytes(), executor);
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerWindowCalls())
                .minimumNumberOfCalls(policy.breakerMinimumCalls())
                .failureRateThreshold(policy.breakerFailureRatePercent())
                .waitDurationInOpenState(Duration.ofMillis(policy.breakerOpenMs()))
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        this.breaker = CircuitBreaker.of(config.id(), breakerConfig);
        this.budget = new RateBudget(config.id(), policy.rateMinPerSecond(), policy.rateInitialPerSecond(), policy.rateMaxPerSecond());
        this.maxInFlight = policy.maxInFlightPerUpstream();
        this.inFlight = new Semaphore(maxInFlight);
    }

    public String id() {
        return config.id();
    }

    public UpstreamConfig config() {
        return config;
    }

    public UpstreamHealth health() {
        return health;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public CircuitBreaker methodBreaker(final String method) {
        final CircuitBreaker existing = methodBreakers.get(method);
        if (existing != null) {
            return existing;
        }
        final String key = methodBreakers.size() >= MAX_METHOD_BREAKERS ? OTHER_METHODS : method;
        return methodBreakers.computeIfAbsent(key, m -> CircuitBreaker.of(config.id() + "/" + m, breakerConfig));
    }

    public RateBudget budget() {
        return budget;
    }

    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    public long throttledCount() {
        return throttled.get();
    }

    /** Cheap check used by selection; the real guards are taken again in {@link #call}. */
    public boolean selectable(final String method, final long nowMs) {
        return health.inRotation()
                && breaker.getState() != CircuitBreaker.State.OPEN
                && methodBreaker(method).getState() != CircuitBreaker.State.OPEN
                && !budget.coolingDown(nowMs)
                && inFlight.availablePermits() > 0;
    }

    /** Sends one request through every guard of this upstream (in-flight bound, budget, breakers). */
    public CompletableFuture<JsonNode> call(final String method, final JsonNode params, final long timeoutMs, final long nowMs) {
        return call(method, params, timeoutMs, nowMs, true);
    }

    /** A health probe: bypasses budget and breakers so an upstream can be probed back into rotation. */
    public CompletableFuture<JsonNode> probe(final String method, final JsonNode params, final long timeoutMs) {
        return call(method, params, timeoutMs, 0, false);
    }

    private CompletableFuture<JsonNode> call(final String method, final JsonNode params, final long timeoutMs, final long nowMs,
                                             final boolean guarded) {
        if (health.state() == UpstreamState.REMOVED) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.NO_UPSTREAM, "removed", 0, id()));
        }
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.UPSTREAM_BUSY,
                    maxInFlight + " requests in flight", 0, id()));
        }
        if (!guarded) {
            return unguarded(method, params, timeoutMs);
        }
        if (!budget.tryAcquire(nowMs)) {
            inFlight.release();
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.RATE_LIMITED, "local rate budget spent", 0, id()));
        }
        final CircuitBreaker methodBreaker = methodBreaker(method);
        if (!breaker.tryAcquirePermission()) {
            inFlight.release();
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.CIRCUIT_OPEN, "upstream breaker open", 0, id()));
        }
        if (!methodBreaker.tryAcquirePermission()) {
            breaker.releasePermission();
            inFlight.release();
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.CIRCUIT_OPEN,
                    "breaker open for " + method, 0, id()));
        }
        final long startNs = System.nanoTime();
        final byte[] body = JsonRpcCodec.encodeRequest(ids.incrementAndGet(), method, params);
        final CompletableFuture<JsonNode> out = new CompletableFuture<>();
        final CompletableFuture<HttpReply> sent;
        try {
            sent = transport.post(body, timeoutMs);
        } catch (RuntimeException e) {
            finish(methodBreaker, startNs, new RpcException(RpcErrorKind.TRANSPORT, String.valueOf(e), 0, id()), out);
            return out;
        }
        sent.orTimeout(timeoutMs + 50, TimeUnit.MILLISECONDS).whenComplete((reply, failure) -> {
            if (failure != null) {
                final RpcException typed = RpcException.of(failure);
                finish(methodBreaker, startNs, new RpcException(typed.kind(), typed.getMessage(), typed.rpcCode(), id()), out);
                return;
            }
            if (reply.status() == 429) {
                throttled.incrementAndGet();
                budget.onThrottled(System.currentTimeMillis(), reply.retryAfterMs());
                finish(methodBreaker, startNs, new RpcException(RpcErrorKind.RATE_LIMITED,
                        "HTTP 429 retry-after " + reply.retryAfterMs() + " ms", 429, id()), out);
                return;
            }
            if (reply.status() != 200) {
                finish(methodBreaker, startNs, new RpcException(RpcErrorKind.HTTP_STATUS, "HTTP " + reply.status(), reply.status(), id()), out);
                return;
            }
            try {
                final JsonNode result = JsonRpcCodec.decodeResponse(reply.body(), method, id());
                finishOk(methodBreaker, startNs, result, out);
            } catch (RpcException e) {
                finish(methodBreaker, startNs, e, out);
            }
        });
        return out;
    }

    private CompletableFuture<JsonNode> unguarded(final String method, final JsonNode params, final long timeoutMs) {
        final byte[] body = JsonRpcCodec.encodeRequest(ids.incrementAndGet(), method, params);
        final CompletableFuture<JsonNode> out = new CompletableFuture<>();
        final CompletableFuture<HttpReply> sent;
        try {
            sent = transport.post(body, timeoutMs);
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.TRANSPORT, String.valueOf(e), 0, id()));
        }
        sent.orTimeout(timeoutMs + 50, TimeUnit.MILLISECONDS).whenComplete((reply, failure) -> {
            inFlight.release();
            if (failure != null) {
                final RpcException typed = RpcException.of(failure);
                out.completeExceptionally(new RpcException(typed.kind(), typed.getMessage(), typed.rpcCode(), id()));
            } else if (reply.status() != 200) {
                out.completeExceptionally(new RpcException(reply.status() == 429 ? RpcErrorKind.RATE_LIMITED : RpcErrorKind.HTTP_STATUS,
                        "HTTP " + reply.status(), reply.status(), id()));
            } else {
                try {
                    out.complete(JsonRpcCodec.decodeResponse(reply.body(), method, id()));
                } catch (RpcException e) {
                    out.completeExceptionally(e);
                }
            }
        });
        return out;
    }

    private void finishOk(final CircuitBreaker methodBreaker, final long startNs, final JsonNode result, final CompletableFuture<JsonNode> out) {
        final long elapsedNs = System.nanoTime() - startNs;
        breaker.onSuccess(elapsedNs, TimeUnit.NANOSECONDS);
        methodBreaker.onSuccess(elapsedNs, TimeUnit.NANOSECONDS);
        health.onSuccess(elapsedNs / 1_000);
        inFlight.release();
        out.complete(result);
    }

    private void finish(final CircuitBreaker methodBreaker, final long startNs, final RpcException error, final CompletableFuture<JsonNode> out) {
        final long elapsedNs = System.nanoTime() - startNs;
        final RpcErrorKind kind = error.kind();
        if (kind == RpcErrorKind.RPC_ERROR || kind == RpcErrorKind.SEND_REJECTED || kind == RpcErrorKind.RANGE_TOO_LARGE) {
            // The upstream answered correctly; the answer is an error (or a limit that splitting handles).
            breaker.onSuccess(elapsedNs, TimeUnit.NANOSECONDS);
            methodBreaker.onSuccess(elapsedNs, TimeUnit.NANOSECONDS);
            health.onSuccess(elapsedNs / 1_000);
        } else if (kind == RpcErrorKind.RATE_LIMITED) {
            // Throttling is handled by the budget, not by opening the breaker.
            breaker.releasePermission();
            methodBreaker.releasePermission();
        } else {
            breaker.onError(elapsedNs, TimeUnit.NANOSECONDS, error);
            methodBreaker.onError(elapsedNs, TimeUnit.NANOSECONDS, error);
            health.onFailure(elapsedNs / 1_000);
        }
        inFlight.release();
        out.completeExceptionally(error);
    }

    /** Records an answer the pool rejected after the fact (stale or forked): it counts as a failure. */
    public void onRejectedAnswer(final String method, final RpcException reason) {
        breaker.onError(0, TimeUnit.NANOSECONDS, reason);
        methodBreaker(method).onError(0, TimeUnit.NANOSECONDS, reason);
        health.onFailure(health.latencyEwmaMicros());
    }

    public void close() {
        health.state(UpstreamState.REMOVED, "removed");
        transport.close();
    }
}
