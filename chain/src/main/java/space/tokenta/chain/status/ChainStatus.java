package space.tokenta.chain.status;

import java.util.List;
import java.util.Map;

/** Plain snapshot of one chain's pool: online/total, median latency, head, lag and per-upstream rows. */
public record ChainStatus(
        String chain,
        long chainId,
        int online,
        int total,
        long p50LatencyMicros,
        long headBlock,
        long finalizedBlock,
        long maxLagBlocks,
        List<UpstreamStatus> upstreams,
        Map<String, Long> counters) {

    public ChainStatus {
        upstreams = List.copyOf(upstreams);
        counters = Map.copyOf(counters);
    }

    /** The panel line, e.g. {@code eth-dev · 3/3 online · head 42 · lag 0 · 1.2ms}. */
    public String panelLine() {
        return String.format(java.util.Locale.ROOT, "%s · %d/%d online · head %d · lag %d · %.1fms",
                chain, online, total, headBlock, maxLagBlocks, p50LatencyMicros < 0 ? 0.0 : p50LatencyMicros / 1000.0);
    }
}
