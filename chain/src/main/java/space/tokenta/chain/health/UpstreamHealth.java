package space.tokenta.chain.health;

/**
 * Health of one upstream: latency EWMA, error-rate EWMA, head height and hash, lag behind the best
 * upstream, syncing flag and rotation state. Scores drive selection (lower is better).
 */
public final class UpstreamHealth {
    private static final double LATENCY_ALPHA = 0.2;
    private static final double ERROR_ALPHA = 0.1;

    /** Latency is bucketed before scoring so loopback jitter does not reorder equal upstreams. */
    private final long latencyBucketMicros;
    private final LatencyWindow latencies = new LatencyWindow();
    private double latencyEwmaMicros = -1;
    private double errorRate;
    private long headBlock = -1;
    private String headHash = "";
    private long finalizedBlock = -1;
    private long lagBlocks;
    private boolean syncing;
    private int consecutiveProbeFailures;
    private UpstreamState state = UpstreamState.UNKNOWN;
    private String stateReason = "not probed yet";
    private long requests;
    private long failures;

    public UpstreamHealth(final long latencyBucketMicros) {
        if (latencyBucketMicros < 1) {
            throw new IllegalArgumentException("latencyBucketMicros >= 1: " + latencyBucketMicros);
        }
        this.latencyBucketMicros = latencyBucketMicros;
    }

    public synchronized void onSuccess(final long latencyMicros) {
        latencies.record(latencyMicros);
        latencyEwmaMicros = latencyEwmaMicros < 0 ? latencyMicros
                : LATENCY_ALPHA * latencyMicros + (1 - LATENCY_ALPHA) * latencyEwmaMicros;
        errorRate = (1 - ERROR_ALPHA) * errorRate;
        requests++;
    }

    /**
     * A probe's latency feeds the quantiles shown on the status panel, not the selection score: a
     * probe on a cold connection must not reorder upstreams.
     */
    public void onProbeLatency(final long latencyMicros) {
        latencies.record(latencyMicros);
    }

    public synchronized void onFailure(final long latencyMicros) {
        latencyEwmaMicros = latencyEwmaMicros < 0 ? latencyMicros
                : LATENCY_ALPHA * latencyMicros + (1 - LATENCY_ALPHA) * latencyEwmaMicros;
        errorRate = ERROR_ALPHA + (1 - ERROR_ALPHA) * errorRate;
        requests++;
        failures++;
    }

    public synchronized void onProbe(final long head, final String hash, final long finalized, final boolean isSyncing) {
        headBlock = head;
        headHash = hash == null ? "" : hash;
        finalizedBlock = finalized;
        syncing = isSyncing;
        consecutiveProbeFailures = 0;
    }

    /** Returns the number of consecutive probe failures after this one. */
    public synchronized int onProbeFailure() {
        return ++consecutiveProbeFailures;
    }

    public synchronized void lagBlocks(final long lag) {
        lagBlocks = Math.max(0, lag);
    }

    public synchronized void state(final UpstreamState newState, final String reason) {
        state = newState;
        stateReason = reason;
    }

    public synchronized UpstreamState state() {
        return state;
    }

    public synchronized String stateReason() {
        return stateReason;
    }

    public synchronized boolean inRotation() {
        return state == UpstreamState.ACTIVE;
    }

    /** Lower is better: bucketed latency, error rate and lag, in comparable units. */
    public synchronized double score() {
        final double latencyBuckets = latencyEwmaMicros < 0 ? 0 : Math.floor(latencyEwmaMicros / latencyBucketMicros);
        return latencyBuckets + Math.floor(errorRate * 20) + lagBlocks * 4.0;
    }

    public synchronized long headBlock() {
        return headBlock;
    }

    public synchronized String headHash() {
        return headHash;
    }

    public synchronized long finalizedBlock() {
        return finalizedBlock;
    }

    public synchronized long lagBlocks() {
        return lagBlocks;
    }

    public synchronized boolean syncing() {
        return syncing;
    }

    public synchronized double errorRate() {
        return errorRate;
    }

    public synchronized long latencyEwmaMicros() {
        return (long) Math.max(0, latencyEwmaMicros);
    }

    public long latencyQuantileMicros(final double q) {
        return latencies.quantileMicros(q);
    }

    public long latencySamples() {
        return latencies.size();
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized long failures() {
        return failures;
    }
}
