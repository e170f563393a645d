package space.tokenta.chain.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.RpcException;
import space.tokenta.chain.rpc.Upstream;
import space.tokenta.chain.rpc.UpstreamPool;
import tools.jackson.databind.JsonNode;

/**
 * The probe duty cycle of a pool: each round asks every upstream for its latest block, syncing state
 * and (where the chain has one) finalized block, then decides rotation: probe failures, syncing,
 * lag beyond the bound, or a head hash that contradicts the quorum take an upstream out; a clean
 * probe brings it back. Rounds never overlap.
 */
public final class HealthProber {
    private record Probe(Upstream upstream, long head, String hash, String parentHash, long finalized, boolean syncing, RpcException error) {
    }

    private final UpstreamPool pool;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

    public HealthProber(final UpstreamPool pool) {
        this.pool = pool;
    }

    /** One probe round; if a round is still running, returns that round instead of starting another. */
    public CompletableFuture<Void> doWork() {
        if (!running.compareAndSet(false, true)) {
            return current.copy();
        }
        final List<Upstream> upstreams = pool.upstreams();
        final List<CompletableFuture<Probe>> probes = new ArrayList<>(upstreams.size());
        for (final Upstream u : upstreams) {
            probes.add(probe(u));
        }
        final CompletableFuture<Void> round = new CompletableFuture<>();
        current = round;
        CompletableFuture.allOf(probes.toArray(new CompletableFuture[0]))
                .thenAccept(v -> decide(probes.stream().map(CompletableFuture::join).toList()))
                .whenComplete((v, e) -> {
                    running.set(false);
                    if (e != null) {
                        round.completeExceptionally(e);
                    } else {
                        round.complete(null);
                    }
                });
        return round.copy();
    }

    private CompletableFuture<Probe> probe(final Upstream u) {
        final RpcPolicy policy = pool.policy();
        final long timeoutMs = policy.probeTimeoutMs();
        final FinalityRule finality = pool.config().profile().finality();
        final long startNs = System.nanoTime();
        final CompletableFuture<JsonNode> latest = u.probe("eth_getBlockByNumber", JsonRpcCodec.params("latest", false), timeoutMs);
        final CompletableFuture<JsonNode> syncing = u.probe("eth_syncing", JsonRpcCodec.params(), timeoutMs);
        final CompletableFuture<JsonNode> finalized = finality.usesFinalizedTag()
                ? u.probe("eth_getBlockByNumber", JsonRpcCodec.params("finalized", false), timeoutMs)
                : CompletableFuture.completedFuture(null);
        return CompletableFuture.allOf(latest, syncing, finalized).handle((v, failure) -> {
            if (failure != null) {
                return new Probe(u, -1, "", "", -1, false, RpcException.of(failure));
            }
            try {
                final JsonNode block = latest.join();
                u.health().onProbeLatency((System.nanoTime() - startNs) / 1_000);
                final long head = JsonRpcCodec.quantity(block.get("number"));
                final JsonNode fin = finalized.join();
                final long finalizedBlock = fin == null || fin.isNull() ? finality.finalizedForHead(head)
                        : JsonRpcCodec.quantity(fin.get("number"));
                final JsonNode sync = syncing.join();
                final boolean isSyncing = sync != null && !sync.isNull() && !(sync.isBoolean() && !sync.asBoolean());
                return new Probe(u, head, block.path("hash").asString(""), block.path("parentHash").asString(null), finalizedBlock, isSyncing, null);
            } catch (RuntimeException e) {
                return new Probe(u, -1, "", "", -1, false, RpcException.of(e));
            }
        });
    }

    private void decide(final List<Probe> probes) {
        final RpcPolicy policy = pool.policy();
        long highest = -1;
        for (final Probe p : probes) {
            if (p.error == null && !p.syncing) {
                highest = Math.max(highest, p.head);
            }
        }
        final long best = highest;
        final String bestHash = majorityHashAt(best, probes);
        if (bestHash != null) {
            final Probe sample = probes.stream().filter(p -> p.error == null && p.head == best && p.hash.equalsIgnoreCase(bestHash))
                    .findFirst().orElse(null);
            final long reorgFrom = pool.canonical().record(best, bestHash, sample == null ? null : sample.parentHash);
            if (reorgFrom >= 0) {
                pool.onReorg(reorgFrom);
            }
        }
        final List<Long> finalizedVotes = new ArrayList<>();
        for (final Probe p : probes) {
            final UpstreamHealth h = p.upstream.health();
            if (h.state() == UpstreamState.REMOVED) {
                continue;
            }
            if (p.error != null) {
                final int failures = h.onProbeFailure();
                if (failures >= policy.quarantineAfterFailures() || h.state() != UpstreamState.ACTIVE) {
                    h.state(UpstreamState.QUARANTINED, "probe failed " + failures + "x: " + p.error.kind());
                }
                continue;
            }
            h.onProbe(p.head, p.hash, p.finalized, p.syncing);
            final long lag = best < 0 ? 0 : best - p.head;
            h.lagBlocks(lag);
            final String canonical = pool.canonical().hashAt(p.head);
            if (p.syncing) {
                h.state(UpstreamState.QUARANTINED, "syncing");
            } else if (lag > policy.maxLagBlocks()) {
                h.state(UpstreamState.QUARANTINED, "lag " + lag + " blocks");
            } else if (canonical != null && !canonical.equalsIgnoreCase(p.hash)) {
                h.state(UpstreamState.QUARANTINED, "fork: block " + p.head + " hash differs from quorum");
            } else {
                h.state(UpstreamState.ACTIVE, "ok");
                finalizedVotes.add(p.finalized);
            }
        }
        finalizedVotes.sort(Long::compare);
        final long finalized = finalizedVotes.isEmpty() ? pool.finalizedHead() : finalizedVotes.get((finalizedVotes.size() - 1) / 2);
        if (best >= 0) {
            pool.onHeads(best, finalized);
        }
    }

    /** The hash most upstreams report at height {@code best}; null when none or when no hash has two votes among three or more. */
    private String majorityHashAt(final long best, final List<Probe> probes) {
        if (best < 0) {
            return null;
        }
        final Map<String, Integer> votes = new HashMap<>();
        int voters = 0;
        for (final Probe p : probes) {
            if (p.error == null && p.head == best) {
                votes.merge(p.hash.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                voters++;
            }
        }
        String winner = null;
        int top = 0;
        for (final Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > top || (e.getValue() == top && winner != null && e.getKey().compareTo(winner) < 0)) {
                winner = e.getKey();
                top = e.getValue();
            }
        }
        final int needed = Math.min(pool.policy().consensusQuorum(), voters);
        return top >= needed && top * 2 > voters ? winner : null;
    }
}
