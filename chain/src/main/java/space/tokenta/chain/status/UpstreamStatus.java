package space.tokenta.chain.status;

/** Plain snapshot of one upstream for the "RPC Nodes" panel and the CLI. */
public record UpstreamStatus(
        String id,
        String httpUrl,
        String state,
        String reason,
        long headBlock,
        long lagBlocks,
        long p50LatencyMicros,
        long p90LatencyMicros,
        double errorRate,
        double score,
        String breaker,
        int ratePerSecond,
        int inFlight,
        long requests,
        long failures,
        long throttled) {

    public boolean online() {
        return "ACTIVE".equals(state);
    }
}
