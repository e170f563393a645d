package space.tokenta.chain.status;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import space.tokenta.chain.rpc.RpcErrorKind;

/** Plain counters of a pool (no metrics library; the gateway exports them later). */
public final class PoolStats {
    public final LongAdder requests = new LongAdder();
    public final LongAdder successes = new LongAdder();
    public final LongAdder cacheHits = new LongAdder();
    public final LongAdder dedupHits = new LongAdder();
    public final LongAdder attempts = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder hedges = new LongAdder();
    public final LongAdder hedgeWins = new LongAdder();
    public final LongAdder rejectedAnswers = new LongAdder();
    public final LongAdder consensusReads = new LongAdder();
    public final LongAdder logSplits = new LongAdder();
    public final LongAdder sends = new LongAdder();
    public final LongAdder reorgs = new LongAdder();
    private final EnumMap<RpcErrorKind, LongAdder> failures = new EnumMap<>(RpcErrorKind.class);

    public PoolStats() {
        for (final RpcErrorKind kind : RpcErrorKind.values()) {
            failures.put(kind, new LongAdder());
        }
    }

    public void failure(final RpcErrorKind kind) {
        failures.get(kind).increment();
    }

    public long failures(final RpcErrorKind kind) {
        return failures.get(kind).sum();
    }

    public Map<String, Long> snapshot() {
        final Map<String, Long> out = new LinkedHashMap<>();
        out.put("requests", requests.sum());
        out.put("successes", successes.sum());
        out.put("cache_hits", cacheHits.sum());
        out.put("dedup_hits", dedupHits.sum());
        out.put("attempts", attempts.sum());
        out.put("retries", retries.sum());
        out.put("hedges", hedges.sum());
        out.put("hedge_wins", hedgeWins.sum());
        out.put("rejected_answers", rejectedAnswers.sum());
        out.put("consensus_reads", consensusReads.sum());
        out.put("log_splits", logSplits.sum());
        out.put("sends", sends.sum());
        out.put("reorgs", reorgs.sum());
        for (final Map.Entry<RpcErrorKind, LongAdder> e : failures.entrySet()) {
            out.put("failures_" + e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue().sum());
        }
        return out;
    }
}
