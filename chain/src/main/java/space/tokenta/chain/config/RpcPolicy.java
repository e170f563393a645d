package space.tokenta.chain.config;

/**
 * Per-chain request policy. Every limit is explicit and bounded; {@link #validate()} rejects
 * nonsense before a pool is built.
 */
public record RpcPolicy(
        long requestDeadlineMs,
        long attemptTimeoutMs,
        int maxAttempts,
        long backoffInitialMs,
        long backoffMaxMs,
        double backoffMultiplier,
        double backoffJitter,
        boolean hedgeEnabled,
        long hedgeMinDelayMs,
        long hedgeMaxDelayMs,
        double hedgeQuantile,
        int hedgeBudgetPercent,
        int maxInFlightPerUpstream,
        int maxPendingRequests,
        int maxRequestBytes,
        int maxResponseBytes,
        int breakerFailureRatePercent,
        int breakerWindowCalls,
        int breakerMinimumCalls,
        long breakerOpenMs,
        int rateInitialPerSecond,
        int rateMinPerSecond,
        int rateMaxPerSecond,
        int consensusQuorum,
        int consensusFanout,
        long maxLagBlocks,
        long headToleranceBlocks,
        long probeIntervalMs,
        int quarantineAfterFailures,
        long unfinalizedTtlMs,
        int cacheMaxEntries,
        int getLogsMaxSubRequests,
        int verifyMaxBlocksPerAnswer,
        boolean dedupEnabled,
        long latencyBucketMicros) {

    public static final int ABSOLUTE_MAX_ATTEMPTS = 10;
    public static final int ABSOLUTE_MAX_PAYLOAD_BYTES = 64 << 20;

    /** Probes get twice the attempt timeout (bounded by the deadline): a cold connection is not a sick upstream. */
    public long probeTimeoutMs() {
        return Math.min(requestDeadlineMs, 2 * attemptTimeoutMs);
    }

    public static RpcPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        final Builder b = new Builder();
        b.requestDeadlineMs = requestDeadlineMs;
        b.attemptTimeoutMs = attemptTimeoutMs;
        b.maxAttempts = maxAttempts;
        b.backoffInitialMs = backoffInitialMs;
        b.backoffMaxMs = backoffMaxMs;
        b.backoffMultiplier = backoffMultiplier;
        b.backoffJitter = backoffJitter;
        b.hedgeEnabled = hedgeEnabled;
        b.hedgeMinDelayMs = hedgeMinDelayMs;
        b.hedgeMaxDelayMs = hedgeMaxDelayMs;
        b.hedgeQuantile = hedgeQuantile;
        b.hedgeBudgetPercent = hedgeBudgetPercent;
        b.maxInFlightPerUpstream = maxInFlightPerUpstream;
        b.maxPendingRequests = maxPendingRequests;
        b.maxRequestBytes = maxRequestBytes;
        b.maxResponseBytes = maxResponseBytes;
        b.breakerFailureRatePercent = breakerFailureRatePercent;
        b.breakerWindowCalls = breakerWindowCalls;
        b.breakerMinimumCalls = breakerMinimumCalls;
        b.breakerOpenMs = breakerOpenMs;
        b.rateInitialPerSecond = rateInitialPerSecond;
        b.rateMinPerSecond = rateMinPerSecond;
        b.rateMaxPerSecond = rateMaxPerSecond;
        b.consensusQuorum = consensusQuorum;
        b.consensusFanout = consensusFanout;
        b.maxLagBlocks = maxLagBlocks;
        b.headToleranceBlocks = headToleranceBlocks;
        b.probeIntervalMs = probeIntervalMs;
        b.quarantineAfterFailures = quarantineAfterFailures;
        b.unfinalizedTtlMs = unfinalizedTtlMs;
        b.cacheMaxEntries = cacheMaxEntries;
        b.getLogsMaxSubRequests = getLogsMaxSubRequests;
        b.verifyMaxBlocksPerAnswer = verifyMaxBlocksPerAnswer;
        b.dedupEnabled = dedupEnabled;
        b.latencyBucketMicros = latencyBucketMicros;
        return b;
    }

    /** Throws {@link IllegalArgumentException} naming the first field out of bounds. */
    public RpcPolicy validate() {
        check(requestDeadlineMs >= 10 && requestDeadlineMs <= 600_000, "requestDeadlineMs in [10, 600000]");
        check(attemptTimeoutMs >= 5 && attemptTimeoutMs <= requestDeadlineMs, "attemptTimeoutMs in [5, requestDeadlineMs]");
        check(maxAttempts >= 1 && maxAttempts <= ABSOLUTE_MAX_ATTEMPTS, "maxAttempts in [1, 10]");
        check(backoffInitialMs >= 1 && backoffInitialMs <= backoffMaxMs, "backoffInitialMs in [1, backoffMaxMs]");
        check(backoffMaxMs <= 60_000, "backoffMaxMs <= 60000");
        check(backoffMultiplier >= 1.0 && backoffMultiplier <= 10.0, "backoffMultiplier in [1, 10]");
        check(backoffJitter >= 0.0 && backoffJitter < 1.0, "backoffJitter in [0, 1)");
        check(hedgeMinDelayMs >= 1 && hedgeMinDelayMs <= hedgeMaxDelayMs, "hedgeMinDelayMs in [1, hedgeMaxDelayMs]");
        check(hedgeQuantile > 0.0 && hedgeQuantile < 1.0, "hedgeQuantile in (0, 1)");
        check(hedgeBudgetPercent >= 0 && hedgeBudgetPercent <= 100, "hedgeBudgetPercent in [0, 100]");
        check(maxInFlightPerUpstream >= 1 && maxInFlightPerUpstream <= 10_000, "maxInFlightPerUpstream in [1, 10000]");
        check(maxPendingRequests >= 1 && maxPendingRequests <= 1_000_000, "maxPendingRequests in [1, 1000000]");
        check(maxRequestBytes >= 256 && maxRequestBytes <= ABSOLUTE_MAX_PAYLOAD_BYTES, "maxRequestBytes in [256, 64 MiB]");
        check(maxResponseBytes >= 256 && maxResponseBytes <= ABSOLUTE_MAX_PAYLOAD_BYTES, "maxResponseBytes in [256, 64 MiB]");
        check(breakerFailureRatePercent >= 1 && breakerFailureRatePercent <= 100, "breakerFailureRatePercent in [1, 100]");
        check(breakerWindowCalls >= 1 && breakerWindowCalls <= 10_000, "breakerWindowCalls in [1, 10000]");
        check(breakerMinimumCalls >= 1 && breakerMinimumCalls <= breakerWindowCalls, "breakerMinimumCalls in [1, window]");
        check(breakerOpenMs >= 1 && breakerOpenMs <= 600_000, "breakerOpenMs in [1, 600000]");
        check(rateMinPerSecond >= 1 && rateMinPerSecond <= rateInitialPerSecond
                && rateInitialPerSecond <= rateMaxPerSecond && rateMaxPerSecond <= 1_000_000,
                "1 <= rateMinPerSecond <= rateInitialPerSecond <= rateMaxPerSecond <= 1000000");
        check(consensusQuorum >= 1 && consensusQuorum <= consensusFanout && consensusFanout <= 16,
                "1 <= consensusQuorum <= consensusFanout <= 16");
        check(maxLagBlocks >= 0 && maxLagBlocks <= 10_000, "maxLagBlocks in [0, 10000]");
        check(headToleranceBlocks >= 0 && headToleranceBlocks <= maxLagBlocks, "headToleranceBlocks in [0, maxLagBlocks]");
        check(probeIntervalMs == 0 || (probeIntervalMs >= 10 && probeIntervalMs <= 600_000), "probeIntervalMs 0 or in [10, 600000]");
        check(quarantineAfterFailures >= 1 && quarantineAfterFailures <= 1000, "quarantineAfterFailures in [1, 1000]");
        check(unfinalizedTtlMs >= 0 && unfinalizedTtlMs <= 600_000, "unfinalizedTtlMs in [0, 600000]");
        check(cacheMaxEntries >= 0 && cacheMaxEntries <= 10_000_000, "cacheMaxEntries in [0, 10000000]");
        check(getLogsMaxSubRequests >= 1 && getLogsMaxSubRequests <= 100_000, "getLogsMaxSubRequests in [1, 100000]");
        check(verifyMaxBlocksPerAnswer >= 0 && verifyMaxBlocksPerAnswer <= 100_000, "verifyMaxBlocksPerAnswer in [0, 100000]");
        check(latencyBucketMicros >= 1 && latencyBucketMicros <= 600_000_000L, "latencyBucketMicros in [1, 600000000]");
        return this;
    }

    private static void check(final boolean condition, final String rule) {
        if (!condition) {
            throw new IllegalArgumentException("policy out of bounds: " + rule);
        }
    }

    /** Fluent builder with production defaults. */
    public static final class Builder {
        public long requestDeadlineMs = 5_000;
        public long attemptTimeoutMs = 2_000;
        public int maxAttempts = 4;
        public long backoffInitialMs = 20;
        public long backoffMaxMs = 500;
        public double backoffMultiplier = 2.0;
        public double backoffJitter = 0.5;
        public boolean hedgeEnabled = true;
        public long hedgeMinDelayMs = 20;
        public long hedgeMaxDelayMs = 1_000;
        public double hedgeQuantile = 0.9;
        /** Hedges may add at most this share of extra requests, so a slow pool is not doubled in load. */
        public int hedgeBudgetPercent = 10;
        public int maxInFlightPerUpstream = 64;
        public int maxPendingRequests = 4_096;
        public int maxRequestBytes = 1 << 20;
        public int maxResponseBytes = 16 << 20;
        public int breakerFailureRatePercent = 50;
        public int breakerWindowCalls = 20;
        public int breakerMinimumCalls = 6;
        public long breakerOpenMs = 2_000;
        public int rateInitialPerSecond = 2_000;
        public int rateMinPerSecond = 5;
        public int rateMaxPerSecond = 20_000;
        public int consensusQuorum = 2;
        public int consensusFanout = 3;
        public long maxLagBlocks = 5;
        public long headToleranceBlocks = 2;
        public long probeIntervalMs = 1_000;
        public int quarantineAfterFailures = 3;
        public long unfinalizedTtlMs = 2_000;
        public int cacheMaxEntries = 10_000;
        public int getLogsMaxSubRequests = 64;
        public int verifyMaxBlocksPerAnswer = 64;
        public boolean dedupEnabled = true;
        /**
         * Latencies closer than this rank equal, so loopback jitter does not reorder upstreams; a
         * bucket wider than any deadline makes selection independent of timing (replayable runs).
         */
        public long latencyBucketMicros = 25_000;

        public Builder requestDeadlineMs(final long v) { requestDeadlineMs = v; return this; }
        public Builder attemptTimeoutMs(final long v) { attemptTimeoutMs = v; return this; }
        public Builder maxAttempts(final int v) { maxAttempts = v; return this; }
        public Builder backoff(final long initialMs, final long maxMs) { backoffInitialMs = initialMs; backoffMaxMs = maxMs; return this; }
        public Builder hedge(final boolean enabled) { hedgeEnabled = enabled; return this; }
        public Builder hedgeDelayBoundsMs(final long minMs, final long maxMs) { hedgeMinDelayMs = minMs; hedgeMaxDelayMs = maxMs; return this; }
        public Builder maxInFlightPerUpstream(final int v) { maxInFlightPerUpstream = v; return this; }
        public Builder maxPendingRequests(final int v) { maxPendingRequests = v; return this; }
        public Builder breaker(final int failureRatePercent, final int windowCalls, final int minimumCalls, final long openMs) {
            breakerFailureRatePercent = failureRatePercent; breakerWindowCalls = windowCalls;
            breakerMinimumCalls = minimumCalls; breakerOpenMs = openMs; return this;
        }
        public Builder rate(final int minPerSecond, final int initialPerSecond, final int maxPerSecond) {
            rateMinPerSecond = minPerSecond; rateInitialPerSecond = initialPerSecond; rateMaxPerSecond = maxPerSecond; return this;
        }
        public Builder consensus(final int quorum, final int fanout) { consensusQuorum = quorum; consensusFanout = fanout; return this; }
        public Builder lag(final long maxLag, final long headTolerance) { maxLagBlocks = maxLag; headToleranceBlocks = headTolerance; return this; }
        public Builder probeIntervalMs(final long v) { probeIntervalMs = v; return this; }
        public Builder quarantineAfterFailures(final int v) { quarantineAfterFailures = v; return this; }
        public Builder unfinalizedTtlMs(final long v) { unfinalizedTtlMs = v; return this; }
        public Builder cacheMaxEntries(final int v) { cacheMaxEntries = v; return this; }
        public Builder getLogsMaxSubRequests(final int v) { getLogsMaxSubRequests = v; return this; }
        public Builder dedup(final boolean enabled) { dedupEnabled = enabled; return this; }
        public Builder latencyBucketMicros(final long v) { latencyBucketMicros = v; return this; }

        public RpcPolicy build() {
            return new RpcPolicy(requestDeadlineMs, attemptTimeoutMs, maxAttempts, backoffInitialMs, backoffMaxMs,
                    backoffMultiplier, backoffJitter, hedgeEnabled, hedgeMinDelayMs, hedgeMaxDelayMs, hedgeQuantile,
                    hedgeBudgetPercent, maxInFlightPerUpstream, maxPendingRequests, maxRequestBytes, maxResponseBytes,
                    breakerFailureRatePercent, breakerWindowCalls, breakerMinimumCalls, breakerOpenMs,
                    rateInitialPerSecond, rateMinPerSecond, rateMaxPerSecond, consensusQuorum, consensusFanout,
                    maxLagBlocks, headToleranceBlocks, probeIntervalMs, quarantineAfterFailures, unfinalizedTtlMs,
                    cacheMaxEntries, getLogsMaxSubRequests, verifyMaxBlocksPerAnswer, dedupEnabled,
                    latencyBucketMicros).validate();
        }
    }
}
