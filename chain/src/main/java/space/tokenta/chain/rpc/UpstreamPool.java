package space.tokenta.chain.rpc;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.tokenta.chain.cache.CanonicalChain;
import space.tokenta.chain.cache.FinalityCache;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.health.HeadSubscription;
import space.tokenta.chain.health.HealthProber;
import space.tokenta.chain.health.UpstreamHealth;
import space.tokenta.chain.health.UpstreamState;
import space.tokenta.chain.status.ChainStatus;
import space.tokenta.chain.status.PoolStats;
import space.tokenta.chain.status.UpstreamStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC pool of one chain: score-ranked selection over N upstreams, retries with backoff and
 * jitter (Resilience4j), hedging after the primary's p90, de-duplication of identical in-flight
 * reads, a finality-aware cache, answer checks against the canonical chain (stale heads and forked
 * hashes are rejected), consensus reads, eth_getLogs range splitting and sticky sends.
 */
public final class UpstreamPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPool.class);
    public static final int CANONICAL_HEIGHTS = 4_096;

    private final ChainConfig config;
    private final RpcPolicy policy;
    private final CopyOnWriteArrayList<Upstream> upstreams = new CopyOnWriteArrayList<>();
    private final ExecutorService ioExecutor;
    private final ScheduledExecutorService scheduler;
    private final FinalityCache cache;
    private final CanonicalChain canonical = new CanonicalChain(CANONICAL_HEIGHTS);
    private final ConcurrentHashMap<String, CompletableFuture<JsonNode>> inFlightReads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CompletableFuture<String>> headerFetches = new ConcurrentHashMap<>();
    private final Semaphore pending;
    private final PoolStats stats = new PoolStats();
    private final DecisionTrace trace;
    private final AtomicLong requestIds = new AtomicLong();
    private final Retry retry;
    private final HealthProber prober;
    private final NonceAllocator nonces;
    private volatile long bestHead = -1;
    private volatile long finalizedHead = -1;
    private volatile String sendUpstreamId;
    private volatile ScheduledFuture<?> probeTask;
    private final ConcurrentHashMap<String, HeadSubscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;

    public UpstreamPool(final ChainConfig config) {
        this(config, DecisionTrace.disabled());
    }

    public UpstreamPool(final ChainConfig config, final DecisionTrace trace) {
        this.config = config;
        this.policy = config.policy();
        this.trace = trace;
        this.ioExecutor = Executors.newFixedThreadPool(2, daemon("rpc-io-" + config.name()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("rpc-timer-" + config.name()));
        this.cache = new FinalityCache(policy.cacheMaxEntries(), policy.unfinalizedTtlMs());
        this.pending = new Semaphore(policy.maxPendingRequests());
        this.retry = Retry.of("rpc-" + config.name(), RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.backoffInitialMs(),
                        policy.backoffMultiplier(), policy.backoffJitter(), policy.backoffMaxMs()))
                .retryOnException(UpstreamPool::retryable)
                .failAfterMaxAttempts(false)
                .build());
        this.prober = new HealthProber(this);
        this.nonces = new NonceAllocator(this);
        for (final UpstreamConfig u : config.upstreams()) {
            upstreams.add(new Upstream(u, policy, ioExecutor));
        }
    }

    private static ThreadFactory daemon(final String name) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Attempt-level failures are retried on another upstream; pool-level ones (no upstream id) are final. */
    private static boolean retryable(final Throwable failure) {
        final RpcException e = RpcException.of(failure);
        return e.kind().retryable() && e.upstreamId() != null && e.kind() != RpcErrorKind.RANGE_TOO_LARGE;
    }

    // ---------------------------------------------------------------- lifecycle and membership

    /**
     * Probes every upstream once (bounded by the probe timeout), starts periodic probing and, for
     * upstreams with a WebSocket URL, a newHeads subscription that triggers a probe on every block.
     */
    public UpstreamPool start() {
        started = true;
        for (final Upstream u : upstreams) {
            subscribe(u);
        }
        probeNow().orTimeout(policy.probeTimeoutMs() * 2, TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
        if (policy.probeIntervalMs() > 0) {
            // Never block the timer thread (it also fires hedges and backoffs); a round still
            // running makes the next tick a no-op.
            probeTask = scheduler.scheduleWithFixedDelay(() -> prober.doWork().exceptionally(e -> {
                LOG.debug("{}: probe round failed: {}", config.name(), e.toString());
                return null;
            }), policy.probeIntervalMs(), policy.probeIntervalMs(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void subscribe(final Upstream u) {
        if (started && !closed && u.config().wsUrl() != null) {
            subscriptions.computeIfAbsent(u.id(), id -> new HeadSubscription(id, u.config().wsUrl(), scheduler, this::probeNow).start());
        }
    }

    /** The head subscription of an upstream, if it has one. */
    public HeadSubscription subscription(final String upstreamId) {
        return subscriptions.get(upstreamId);
    }

    /** One probe round now; completes when every upstream answered or timed out. */
    public CompletableFuture<Void> probeNow() {
        return prober.doWork();
    }

    public Upstream addUpstream(final UpstreamConfig upstreamConfig) {
        synchronized (upstreams) {
            if (find(upstreamConfig.id()) != null) {
                throw new IllegalArgumentException(config.name() + ": upstream " + upstreamConfig.id() + " exists");
            }
            if (upstreams.size() >= ChainConfig.MAX_UPSTREAMS) {
                throw new IllegalArgumentException(config.name() + ": at most " + ChainConfig.MAX_UPSTREAMS + " upstreams");
            }
            final Upstream u = new Upstream(upstreamConfig, policy, ioExecutor);
            upstreams.add(u);
            subscribe(u);
            LOG.info("{}: upstream {} added ({})", config.name(), u.id(), upstreamConfig.httpUrl());
            return u;
        }
    }

    /** Takes an upstream out at once; its in-flight requests finish before its connections close. */
    public boolean removeUpstream(final String id) {
        synchronized (upstreams) {
            final Upstream u = find(id);
            if (u == null) {
                return false;
            }
            upstreams.remove(u);
            u.health().state(UpstreamState.REMOVED, "removed");
            final HeadSubscription subscription = subscriptions.remove(id);
            if (subscription != null) {
                subscription.close();
            }
            scheduler.schedule(u::close, policy.requestDeadlineMs(), TimeUnit.MILLISECONDS);
            LOG.info("{}: upstream {} removed", config.name(), id);
            return true;
        }
    }

    public Upstream find(final String id) {
        for (final Upstream u : upstreams) {
            if (u.id().equals(id)) {
                return u;
            }
        }
        return null;
    }

    public List<Upstream> upstreams() {
        return List.copyOf(upstreams);
    }

    public ChainConfig config() {
        return config;
    }

    public RpcPolicy policy() {
        return policy;
    }

    public PoolStats stats() {
        return stats;
    }

    public DecisionTrace trace() {
        return trace;
    }

    public FinalityCache cache() {
        return cache;
    }

    public CanonicalChain canonical() {
        return canonical;
    }

    public NonceAllocator nonces() {
        return nonces;
    }

    public long bestHead() {
        return bestHead;
    }

    public long finalizedHead() {
        return finalizedHead;
    }

    /** Called by the prober after each round. */
    public void onHeads(final long best, final long finalized) {
        bestHead = Math.max(bestHead, best);
        if (best < bestHead - policy.maxLagBlocks() * 4) {
            // The whole pool went backwards (a dev chain was reset): follow it.
            bestHead = best;
        }
        finalizedHead = finalized;
    }

    /** Called when the canonical chain changed at {@code fromBlock}. */
    public void onReorg(final long fromBlock) {
        stats.reorgs.increment();
        final int evicted = cache.evictFrom(fromBlock);
        LOG.warn("{}: reorg from block {}; evicted {} cached answers", config.name(), fromBlock, evicted);
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        closed = true;
        final ScheduledFuture<?> task = probeTask;
        if (task != null) {
            task.cancel(false);
        }
        subscriptions.values().forEach(HeadSubscription::close);
        for (final Upstream u : upstreams) {
            u.close();
        }
        scheduler.shutdownNow();
        ioExecutor.shutdownNow();
    }

    // ---------------------------------------------------------------- reads

    /** A read through the pool, with every policy applied. */
    public CompletableFuture<JsonNode> call(final String method, final JsonNode params) {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.NO_UPSTREAM, "pool closed"));
        }
        if (method == null || !method.matches("[A-Za-z0-9_]{1,64}")) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST, "bad method name: " + method));
        }
        if (method.equals("eth_sendRawTransaction")) {
            if (params == null || !params.path(0).isString()) {
                return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST, "eth_sendRawTransaction needs one hex string"));
            }
            return sendRawTransaction(params.get(0).asString()).thenApply(JsonRpcCodec.NODES::stringNode);
        }
        final JsonNode p = params == null ? JsonRpcCodec.NODES.arrayNode() : params;
        final String key = method + JsonRpcCodec.canonical(p);
        if (key.length() > policy.maxRequestBytes()) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST,
                    "request larger than " + policy.maxRequestBytes() + " bytes"));
        }
        stats.requests.increment();
        final JsonNode cached = cache.get(key, System.currentTimeMillis());
        if (cached != null) {
            stats.cacheHits.increment();
            stats.successes.increment();
            return CompletableFuture.completedFuture(cached);
        }
        final CompletableFuture<JsonNode> mine = new CompletableFuture<>();
        if (policy.dedupEnabled()) {
            final CompletableFuture<JsonNode> existing = inFlightReads.putIfAbsent(key, mine);
            if (existing != null) {
                stats.dedupHits.increment();
                return existing.copy();
            }
        }
        if (!pending.tryAcquire()) {
            inFlightReads.remove(key, mine);
            stats.failure(RpcErrorKind.OVERLOADED);
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.OVERLOADED,
                    policy.maxPendingRequests() + " requests pending"));
        }
        final long requestNo = requestIds.incrementAndGet();
        final long deadlineNs = System.nanoTime() + policy.requestDeadlineMs() * 1_000_000L;
        execute(requestNo, method, p, deadlineNs)
                .orTimeout(policy.requestDeadlineMs(), TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> {
                    pending.release();
                    inFlightReads.remove(key, mine);
                    if (failure == null) {
                        stats.successes.increment();
                        maybeCache(key, method, p, result);
                        mine.complete(result);
                    } else {
                        final RpcException e = finalError(failure);
                        stats.failure(e.kind());
                        trace(requestNo, "final " + e.kind());
                        mine.completeExceptionally(e);
                    }
                });
        return mine.copy();
    }

    /** Convenience: a read with positional parameters. */
    public CompletableFuture<JsonNode> call(final String method, final Object... params) {
        return call(method, JsonRpcCodec.params(params));
    }

    private static RpcException finalError(final Throwable failure) {
        final RpcException e = RpcException.of(failure);
        if (e.kind() == RpcErrorKind.TIMEOUT || e.upstreamId() == null) {
            return e;
        }
        return new RpcException(e.kind(), e.getMessage(), e.rpcCode(), e.upstreamId());
    }

    private CompletableFuture<JsonNode> execute(final long requestNo, final String method, final JsonNode params, final long deadlineNs) {
        final AtomicInteger attempt = new AtomicInteger();
        final Set<String> tried = ConcurrentHashMap.newKeySet();
        final Supplier<java.util.concurrent.CompletionStage<JsonNode>> one =
                () -> attemptOnce(requestNo, attempt.incrementAndGet(), method, params, deadlineNs, tried);
        return Retry.decorateCompletionStage(retry, scheduler, one).get().toCompletableFuture();
    }

    /** Upstreams a request may go to now: untried first, then by score, then by id (deterministic). */
    public List<Upstream> ranked(final String method, final Set<String> tried) {
        final long now = System.currentTimeMillis();
        final List<Upstream> out = new ArrayList<>();
        for (final Upstream u : upstreams) {
            if (u.selectable(method, now)) {
                out.add(u);
            }
        }
        final Map<Upstream, Double> scores = new HashMap<>();
        for (final Upstream u : out) {
            scores.put(u, u.health().score());
        }
        out.sort(Comparator.<Upstream, Boolean>comparing(u -> tried.contains(u.id()))
                .thenComparing(scores::get)
                .thenComparing(Upstream::id));
        return out;
    }

    private CompletableFuture<JsonNode> attemptOnce(final long requestNo, final int attempt, final String method,
                                                    final JsonNode params, final long deadlineNs, final Set<String> tried) {
        final long remainingMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
        if (remainingMs <= 0) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.TIMEOUT, "deadline passed after " + (attempt - 1) + " attempts"));
        }
        if (attempt > 1) {
            stats.retries.increment();
        }
        final List<Upstream> candidates = ranked(method, tried);
        if (candidates.isEmpty()) {
            trace(requestNo, "try " + attempt + " -> none");
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.NO_UPSTREAM, config.name() + ": no upstream in rotation for " + method));
        }
        final long timeoutMs = Math.min(policy.attemptTimeoutMs(), remainingMs);
        final AttemptRace race = new AttemptRace();
        launch(requestNo, attempt, "p", candidates.get(0), method, params, timeoutMs, tried, race);
        if (policy.hedgeEnabled() && candidates.size() > 1) {
            final long delayMs = hedgeDelayMs(candidates.get(0));
            if (delayMs < timeoutMs) {
                final Upstream second = candidates.get(1);
                race.expectHedge();
                scheduler.schedule(() -> {
                    if (race.result.isDone() || !hedgeBudgetLeft()) {
                        race.hedgeSkipped();
                        return;
                    }
                    stats.hedges.increment();
                    launch(requestNo, attempt, "h", second, method, params, Math.max(1, timeoutMs - delayMs), tried, race);
                }, delayMs, TimeUnit.MILLISECONDS);
            }
        }
        return race.result;
    }

    /** At most hedgeBudgetPercent extra requests (plus a small allowance so a quiet pool can still hedge). */
    private boolean hedgeBudgetLeft() {
        return stats.hedges.sum() < 10 + stats.requests.sum() * policy.hedgeBudgetPercent() / 100;
    }

    /** The hedge fires after the primary's p90 latency, clamped to the policy's bounds. */
    public long hedgeDelayMs(final Upstream primary) {
        final UpstreamHealth h = primary.health();
        if (h.latencySamples() < 16) {
            return policy.hedgeMaxDelayMs();
        }
        final long p = h.latencyQuantileMicros(policy.hedgeQuantile()) / 1_000;
        return Math.max(policy.hedgeMinDelayMs(), Math.min(policy.hedgeMaxDelayMs(), p));
    }

    private void launch(final long requestNo, final int attempt, final String leg, final Upstream u, final String method,
                        final JsonNode params, final long timeoutMs, final Set<String> tried, final AttemptRace race) {
        tried.add(u.id());
        stats.attempts.increment();
        race.legStarted();
        u.call(method, params, timeoutMs, System.currentTimeMillis())
                .thenCompose(result -> checkAnswer(method, params, result, u))
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        trace(requestNo, "try " + attempt + leg + " -> " + u.id() + ": ok");
                        if (race.succeed(result) && leg.equals("h")) {
                            stats.hedgeWins.increment();
                        }
                    } else {
                        final RpcException e = RpcException.of(failure);
                        trace(requestNo, "try " + attempt + leg + " -> " + u.id() + ": " + e.kind());
                        race.fail(e);
                    }
                });
    }

    private void trace(final long requestNo, final String entry) {
        if (trace.enabled()) {
            trace.add(config.name() + " req " + requestNo + " " + entry);
        }
    }

    /** Collects the legs of one attempt (primary plus an optional hedge): first success wins. */
    private static final class AttemptRace {
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private int started;
        private int failed;
        private boolean hedgePending;
        private RpcException firstError;

        synchronized void legStarted() {
            started++;
            hedgePending = false;
        }

        synchronized void expectHedge() {
            hedgePending = true;
        }

        synchronized void hedgeSkipped() {
            hedgePending = false;
        }

        boolean succeed(final JsonNode value) {
            return result.complete(value);
        }

        void fail(final RpcException e) {
            final boolean allFailed;
            synchronized (this) {
                failed++;
                if (firstError == null || (!e.kind().retryable() && firstError.kind().retryable())) {
                    firstError = e;
                }
                // If the primary fails before the hedge fires, the retry takes over at once.
                allFailed = failed == started;
                if (allFailed) {
                    hedgePending = false;
                }
            }
            if (allFailed) {
                result.completeExceptionally(firstError);
            }
        }
    }

    // ---------------------------------------------------------------- answer checks

    private CompletableFuture<JsonNode> checkAnswer(final String method, final JsonNode params, final JsonNode result, final Upstream u) {
        final CompletableFuture<JsonNode> checked;
        try {
            checked = switch (method) {
                case "eth_blockNumber" -> {
                    checkNotStale(JsonRpcCodec.quantity(result), u);
                    yield CompletableFuture.completedFuture(result);
                }
                case "eth_getBlockByNumber" -> checkBlock(params.path(0), result, u);
                case "eth_getBlockByHash" -> verifyBlocks(blockRefs(result, "number", "hash"), result);
                case "eth_getTransactionReceipt", "eth_getTransactionByHash" ->
                        verifyBlocks(blockRefs(result, "blockNumber", "blockHash"), result);
                case "eth_getLogs" -> verifyBlocks(logBlockRefs(result), result);
                default -> CompletableFuture.completedFuture(result);
            };
        } catch (RpcException e) {
            return rejected(method, u, e);
        }
        return checked.exceptionallyCompose(failure -> rejected(method, u, RpcException.of(failure)));
    }

    private CompletableFuture<JsonNode> rejected(final String method, final Upstream u, final RpcException e) {
        final RpcException tagged = new RpcException(e.kind(), e.getMessage(), e.rpcCode(), u.id());
        if (e.kind() == RpcErrorKind.STALE_ANSWER || e.kind() == RpcErrorKind.FORKED_ANSWER || e.kind() == RpcErrorKind.BAD_RESPONSE) {
            stats.rejectedAnswers.increment();
            u.onRejectedAnswer(method, tagged);
        }
        return CompletableFuture.failedFuture(tagged);
    }

    private void checkNotStale(final long number, final Upstream u) {
        final long best = bestHead;
        if (best >= 0 && number < best - policy.headToleranceBlocks()) {
            throw new RpcException(RpcErrorKind.STALE_ANSWER, "head " + number + " behind best " + best, 0, u.id());
        }
    }

    private CompletableFuture<JsonNode> checkBlock(final JsonNode tag, final JsonNode result, final Upstream u) {
        final long asked = blockParam(tag);
        if (result == null || result.isNull()) {
            if (asked >= 0 && bestHead >= 0 && asked <= bestHead - policy.headToleranceBlocks()) {
                throw new RpcException(RpcErrorKind.STALE_ANSWER, "upstream lacks block " + asked, 0, u.id());
            }
            return CompletableFuture.completedFuture(result);
        }
        final long number = JsonRpcCodec.quantity(result.get("number"));
        if (asked >= 0 && number != asked) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "asked block " + asked + ", got " + number, 0, u.id());
        }
        if ("latest".equals(tag.asString(""))) {
            checkNotStale(number, u);
        }
        return verifyBlocks(blockRefs(result, "number", "hash"), result);
    }

    private static Map<Long, String> blockRefs(final JsonNode node, final String numberField, final String hashField) {
        final Map<Long, String> refs = new LinkedHashMap<>();
        if (node != null && node.isObject() && node.get(numberField) != null && node.get(hashField) != null
                && !node.get(numberField).isNull() && !node.get(hashField).isNull()) {
            refs.put(JsonRpcCodec.quantity(node.get(numberField)), node.get(hashField).asString());
        }
        return refs;
    }

    private Map<Long, String> logBlockRefs(final JsonNode logs) {
        final Map<Long, String> refs = new LinkedHashMap<>();
        if (logs == null || !logs.isArray()) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "eth_getLogs answer is not an array");
        }
        for (final JsonNode log : logs) {
            if (refs.size() >= policy.verifyMaxBlocksPerAnswer()) {
                break;
            }
            final Map<Long, String> one = blockRefs(log, "blockNumber", "blockHash");
            for (final Map.Entry<Long, String> e : one.entrySet()) {
                final String previous = refs.putIfAbsent(e.getKey(), e.getValue());
                if (previous != null && !previous.equalsIgnoreCase(e.getValue())) {
                    throw new RpcException(RpcErrorKind.FORKED_ANSWER, "two hashes for block " + e.getKey() + " in one answer");
                }
            }
        }
        return refs;
    }

    /** Checks block hashes in an answer against the canonical chain, fetching unknown heights by consensus. */
    private CompletableFuture<JsonNode> verifyBlocks(final Map<Long, String> refs, final JsonNode result) {
        if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        final List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (final Map.Entry<Long, String> ref : refs.entrySet()) {
            final long number = ref.getKey();
            final String hash = ref.getValue();
            if (number > bestHead) {
                continue; // newer than any probe saw: nothing to compare with yet
            }
            final String known = canonical.hashAt(number);
            if (known != null && known.equalsIgnoreCase(hash)) {
                continue;
            }
            if (known != null && number <= finalizedHead) {
                return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.FORKED_ANSWER,
                        "block " + number + " hash " + hash + " is not canonical " + known));
            }
            // unknown, or an unfinalized height recorded before a reorg may have replaced it: ask the quorum
            // again (it records the new hash and rolls back what followed), rather than trust the old record
            checks.add(canonicalHash(number).exceptionally(failure -> {
                throw new RpcException(RpcErrorKind.UNVERIFIED, "block " + number + ": " + RpcException.of(failure).getMessage());
            }).thenAccept(canonicalHash -> {
                if (canonicalHash != null && !canonicalHash.equalsIgnoreCase(hash)) {
                    throw new RpcException(RpcErrorKind.FORKED_ANSWER, "block " + number + " hash " + hash + " is not canonical " + canonicalHash);
                }
            }));
        }
        return CompletableFuture.allOf(checks.toArray(new CompletableFuture[0])).thenApply(v -> result);
    }

    /** The canonical hash at a height, by a consensus read of the header (shared by concurrent checks). */
    private CompletableFuture<String> canonicalHash(final long number) {
        if (voters("eth_getBlockByNumber").size() < policy.consensusQuorum()) {
            // Too few voters to form a quorum: plain reads stay available, unverified beyond the
            // head checks (consensus reads still refuse).
            return CompletableFuture.completedFuture(null);
        }
        final CompletableFuture<String> mine = new CompletableFuture<>();
        final CompletableFuture<String> existing = headerFetches.putIfAbsent(number, mine);
        if (existing != null) {
            return existing.copy();
        }
        consensusRaw("eth_getBlockByNumber", JsonRpcCodec.params(JsonRpcCodec.hex(number), false),
                System.nanoTime() + policy.requestDeadlineMs() * 1_000_000L)
                .whenComplete((block, failure) -> {
                    headerFetches.remove(number, mine);
                    if (failure != null) {
                        mine.completeExceptionally(RpcException.of(failure));
                    } else if (block == null || block.isNull()) {
                        mine.complete(null);
                    } else {
                        final String hash = block.path("hash").asString("");
                        final long reorgFrom = canonical.record(number, hash, block.path("parentHash").asString(null));
                        if (reorgFrom >= 0) {
                            onReorg(reorgFrom);
                        }
                        mine.complete(hash);
                    }
                });
        return mine;
    }

    // ---------------------------------------------------------------- caching

    private void maybeCache(final String key, final String method, final JsonNode params, final JsonNode result) {
        if (result == null || result.isNull()) {
            return;
        }
        final long now = System.currentTimeMillis();
        final long fin = finalizedHead;
        long block = -2;
        switch (method) {
            case "eth_chainId", "net_version" -> {
                cache.put(key, result, FinalityCache.NO_BLOCK, true, now);
                return;
            }
            case "eth_getBlockByNumber" -> block = blockParam(params.path(0));
            case "eth_getBlockByHash" -> block = optionalQuantity(result.get("number"));
            case "eth_getTransactionReceipt", "eth_getTransactionByHash" -> block = optionalQuantity(result.get("blockNumber"));
            case "eth_getLogs" -> {
                final long from = blockParam(params.path(0).path("fromBlock"));
                final long to = blockParam(params.path(0).path("toBlock"));
                block = from >= 0 && to >= from ? to : -2;
            }
            case "eth_getBalance", "eth_getCode", "eth_getTransactionCount", "eth_call", "eth_getStorageAt" ->
                    block = params.size() == 0 ? -2 : blockParam(params.get(params.size() - 1));
            default -> {
                return;
            }
        }
        if (block >= 0) {
            cache.put(key, result, block, block <= fin, now);
        }
    }

    private static long optionalQuantity(final JsonNode node) {
        if (node == null || node.isNull()) {
            return -2;
        }
        return JsonRpcCodec.quantity(node);
    }

    /** A numeric block parameter, or -1 for tags (latest, pending, finalized...). */
    public static long blockParam(final JsonNode tag) {
        if (tag == null || !tag.isString()) {
            return -1;
        }
        final String t = tag.asString();
        if (!t.startsWith("0x")) {
            return -1;
        }
        try {
            return JsonRpcCodec.quantity(t);
        } catch (RpcException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- consensus reads

    /**
     * A read that at least {@code consensusQuorum} of up to {@code consensusFanout} non-lagging
     * upstreams must answer identically; lagging, quarantined and dissenting upstreams never decide.
     */
    public CompletableFuture<JsonNode> consensusCall(final String method, final JsonNode params) {
        stats.requests.increment();
        stats.consensusReads.increment();
        final long deadlineNs = System.nanoTime() + policy.requestDeadlineMs() * 1_000_000L;
        return consensusRaw(method, params == null ? JsonRpcCodec.NODES.arrayNode() : params, deadlineNs)
                .orTimeout(policy.requestDeadlineMs(), TimeUnit.MILLISECONDS)
                .handle((r, failure) -> {
                    if (failure != null) {
                        final RpcException e = RpcException.of(failure);
                        stats.failure(e.kind());
                        throw e;
                    }
                    stats.successes.increment();
                    return r;
                });
    }

    public CompletableFuture<JsonNode> consensusCall(final String method, final Object... params) {
        return consensusCall(method, JsonRpcCodec.params(params));
    }

    /** Upstreams allowed to vote: in rotation and within the head tolerance of the best head. */
    public List<Upstream> voters(final String method) {
        final List<Upstream> out = new ArrayList<>();
        for (final Upstream u : ranked(method, Set.of())) {
            if (u.health().lagBlocks() <= policy.headToleranceBlocks() && !u.health().syncing()) {
                out.add(u);
            }
        }
        return out;
    }

    private CompletableFuture<JsonNode> consensusRaw(final String method, final JsonNode params, final long deadlineNs) {
        final List<Upstream> voters = voters(method);
        final int quorum = policy.consensusQuorum();
        if (voters.size() < quorum) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.CONSENSUS_FAILED,
                    method + ": " + voters.size() + " eligible upstreams, quorum " + quorum));
        }
        final Ballot ballot = new Ballot(method, params, deadlineNs, voters, quorum);
        final int first = Math.min(policy.consensusFanout(), voters.size());
        for (int i = 0; i < first; i++) {
            ballot.askNext();
        }
        return ballot.result;
    }

    /** One consensus read: asks voters, replaces failed or split ones by the next eligible, decides at quorum. */
    private final class Ballot {
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        private final String method;
        private final JsonNode params;
        private final long deadlineNs;
        private final List<Upstream> voters;
        private final int quorum;
        private final Map<String, Integer> votes = new HashMap<>();
        private final Map<Upstream, String> answers = new HashMap<>();
        private final Map<String, JsonNode> winners = new HashMap<>();
        private int asked;
        private int outstanding;

        Ballot(final String method, final JsonNode params, final long deadlineNs, final List<Upstream> voters, final int quorum) {
            this.method = method;
            this.params = params;
            this.deadlineNs = deadlineNs;
            this.voters = voters;
            this.quorum = quorum;
        }

        void askNext() {
            final Upstream u;
            synchronized (this) {
                if (asked >= voters.size() || result.isDone()) {
                    return;
                }
                u = voters.get(asked++);
                outstanding++;
            }
            final long remainingMs = Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000L);
            stats.attempts.increment();
            u.call(method, params, Math.min(policy.attemptTimeoutMs(), remainingMs), System.currentTimeMillis())
                    .whenComplete((value, failure) -> {
                        if (failure != null) {
                            onAnswer(u, null);
                        } else {
                            onAnswer(u, value);
                        }
                    });
        }

        private void onAnswer(final Upstream u, final JsonNode value) {
            JsonNode decided = null;
            boolean askAnother = false;
            boolean fail = false;
            String summary = "";
            synchronized (this) {
                outstanding--;
                if (value != null) {
                    final String key = JsonRpcCodec.canonical(value);
                    answers.put(u, key);
                    winners.putIfAbsent(key, value);
                    votes.merge(key, 1, Integer::sum);
                }
                // Decide as soon as k answers agree; a hung voter does not delay the decision.
                if (!result.isDone()) {
                    for (final Map.Entry<String, Integer> v : votes.entrySet()) {
                        if (v.getValue() >= quorum) {
                            decided = winners.get(v.getKey());
                        }
                    }
                }
                if (decided == null && !result.isDone() && outstanding == 0) {
                    if (asked < voters.size()) {
                        askAnother = true;
                    } else {
                        fail = true;
                        summary = votes.values().toString();
                    }
                }
            }
            if (decided != null) {
                result.complete(decided);
            } else if (askAnother) {
                askNext();
            } else if (fail) {
                result.completeExceptionally(new RpcException(RpcErrorKind.CONSENSUS_FAILED,
                        method + ": no " + quorum + " agreeing answers (votes " + summary + ")"));
            }
            if (result.isDone() && !result.isCompletedExceptionally()) {
                countDissenters(JsonRpcCodec.canonical(result.join()));
            }
        }

        /**
         * Counts answers that lost the vote. Only counted: rotation changes come from probes and
         * plain-read checks, so a late dissenter cannot reorder selection mid-run (runs stay replayable).
         */
        private void countDissenters(final String winner) {
            int dissenters = 0;
            synchronized (this) {
                final java.util.Iterator<Map.Entry<Upstream, String>> it = answers.entrySet().iterator();
                while (it.hasNext()) {
                    if (!it.next().getValue().equals(winner)) {
                        it.remove();
                        dissenters++;
                    }
                }
            }
            stats.rejectedAnswers.add(dissenters);
        }
    }

    // ---------------------------------------------------------------- eth_getLogs splitting

    /**
     * eth_getLogs over [fromBlock, toBlock]; when upstreams refuse the range as too large it is
     * halved recursively, at most {@code getLogsMaxSubRequests} requests in all, results in order.
     */
    public CompletableFuture<JsonNode> getLogs(final ObjectNode filter) {
        final long from = resolveBlock(filter.path("fromBlock"));
        final long to = resolveBlock(filter.path("toBlock"));
        if (from < 0 || to < from) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST, "bad block range " + from + ".." + to));
        }
        return logsRange(filter, from, to, new AtomicInteger(policy.getLogsMaxSubRequests()));
    }

    private long resolveBlock(final JsonNode tag) {
        if (tag.isMissingNode() || tag.isNull() || "latest".equals(tag.asString(""))) {
            return bestHead;
        }
        if ("earliest".equals(tag.asString(""))) {
            return 0;
        }
        return blockParam(tag);
    }

    private CompletableFuture<JsonNode> logsRange(final ObjectNode filter, final long from, final long to, final AtomicInteger budget) {
        if (budget.decrementAndGet() < 0) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.RANGE_TOO_LARGE,
                    "eth_getLogs needs more than " + policy.getLogsMaxSubRequests() + " sub-requests"));
        }
        final ObjectNode sub = filter.deepCopy();
        sub.put("fromBlock", JsonRpcCodec.hex(from));
        sub.put("toBlock", JsonRpcCodec.hex(to));
        final ArrayNode params = JsonRpcCodec.NODES.arrayNode().add(sub);
        return call("eth_getLogs", params).exceptionallyCompose(failure -> {
            final RpcException e = RpcException.of(failure);
            if (e.kind() != RpcErrorKind.RANGE_TOO_LARGE || to == from) {
                return CompletableFuture.failedFuture(e);
            }
            stats.logSplits.increment();
            final long mid = from + (to - from) / 2;
            return logsRange(filter, from, mid, budget).thenCompose(left -> logsRange(filter, mid + 1, to, budget)
                    .thenApply(right -> {
                        final ArrayNode all = JsonRpcCodec.NODES.arrayNode();
                        all.addAll((ArrayNode) left);
                        all.addAll((ArrayNode) right);
                        return all;
                    }));
        });
    }

    // ---------------------------------------------------------------- sends

    /** The upstream sends stick to while it stays healthy (one upstream sees a sender's nonces in order). */
    public Upstream sendUpstream() {
        final String sticky = sendUpstreamId;
        final long now = System.currentTimeMillis();
        if (sticky != null) {
            final Upstream u = find(sticky);
            if (u != null && u.selectable("eth_sendRawTransaction", now) && u.health().lagBlocks() <= policy.headToleranceBlocks()) {
                return u;
            }
        }
        final List<Upstream> ranked = voters("eth_sendRawTransaction");
        if (ranked.isEmpty()) {
            return null;
        }
        sendUpstreamId = ranked.get(0).id();
        return ranked.get(0);
    }

    /**
     * Submits a signed transaction to the send upstream; on transport failure re-submits the same
     * bytes (idempotent: same hash) to the next upstream. "already known" counts as accepted.
     */
    public CompletableFuture<String> sendRawTransaction(final String signedHex) {
        if (signedHex == null || !signedHex.matches("0x[0-9a-fA-F]{2,}") || signedHex.length() > policy.maxRequestBytes()) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.BAD_REQUEST, "signed transaction must be 0x hex within the payload bound"));
        }
        stats.sends.increment();
        final String txHash = org.web3j.crypto.Hash.sha3(signedHex);
        return sendAttempt(signedHex, txHash, 1, System.nanoTime() + policy.requestDeadlineMs() * 1_000_000L)
                .orTimeout(policy.requestDeadlineMs(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    final RpcException e = RpcException.of(failure);
                    stats.failure(e.kind());
                    return CompletableFuture.failedFuture(e);
                });
    }

    private CompletableFuture<String> sendAttempt(final String signedHex, final String txHash, final int attempt, final long deadlineNs) {
        final Upstream u = sendUpstream();
        if (u == null) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.NO_UPSTREAM, config.name() + ": no upstream for sends"));
        }
        final long remainingMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
        if (remainingMs <= 0) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorKind.TIMEOUT, "send deadline passed"));
        }
        stats.attempts.increment();
        return u.call("eth_sendRawTransaction", JsonRpcCodec.params(signedHex), Math.min(policy.attemptTimeoutMs(), remainingMs),
                        System.currentTimeMillis())
                .thenApply(JsonNode::asString)
                .exceptionallyCompose(failure -> {
                    final RpcException e = RpcException.of(failure);
                    final String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                    if (text.contains("already known") || text.contains("known transaction") || text.contains("already imported")) {
                        return CompletableFuture.completedFuture(txHash);
                    }
                    if (e.kind().retryable() && attempt < policy.maxAttempts()) {
                        if (u.id().equals(sendUpstreamId)) {
                            sendUpstreamId = null;
                        }
                        return sendAttempt(signedHex, txHash, attempt + 1, deadlineNs);
                    }
                    return CompletableFuture.failedFuture(e.kind() == RpcErrorKind.RPC_ERROR
                            ? new RpcException(RpcErrorKind.SEND_REJECTED, e.getMessage(), e.rpcCode(), e.upstreamId()) : e);
                });
    }

    // ---------------------------------------------------------------- status

    public ChainStatus status() {
        final List<UpstreamStatus> rows = new ArrayList<>();
        final List<Long> p50s = new ArrayList<>();
        int online = 0;
        long maxLag = 0;
        for (final Upstream u : upstreams) {
            final UpstreamHealth h = u.health();
            final UpstreamStatus row = new UpstreamStatus(u.id(), u.config().httpUrl().toString(), h.state().name(), h.stateReason(),
                    h.headBlock(), h.lagBlocks(), h.latencyQuantileMicros(0.5), h.latencyQuantileMicros(0.9), h.errorRate(), h.score(),
                    u.breaker().getState().name(), u.budget().perSecond(), u.inFlight(), h.requests(), h.failures(), u.throttledCount());
            rows.add(row);
            if (row.online()) {
                online++;
                maxLag = Math.max(maxLag, h.lagBlocks());
                if (row.p50LatencyMicros() >= 0) {
                    p50s.add(row.p50LatencyMicros());
                }
            }
        }
        p50s.sort(Long::compare);
        final long p50 = p50s.isEmpty() ? -1 : p50s.get((p50s.size() - 1) / 2);
        final Map<String, Long> counters = stats.snapshot();
        counters.put("cache_entries", (long) cache.size());
        counters.put("ws_head_notifications", subscriptions.values().stream().mapToLong(HeadSubscription::notifications).sum());
        counters.put("ws_reconnects", subscriptions.values().stream().mapToLong(HeadSubscription::reconnects).sum());
        return new ChainStatus(config.name(), config.profile().chainId(), online, rows.size(), p50, bestHead, finalizedHead, maxLag, rows, counters);
    }
}
