package space.tokenta.gateway.api;

import java.util.LinkedHashMap;

/**
 * Token buckets keyed by API key or IP: {@code capacity} weight, refilled at {@code refillPerSecond}.
 * A request takes its route's weight or is refused with the wait until enough weight is back.
 * Bounded: least recently used buckets are dropped (a dropped bucket restarts full).
 */
public final class TokenBuckets {
    public record Decision(boolean allowed, long remaining, long retryAfterMs) {
    }

    private final LinkedHashMap<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true);
    private final long capacity;
    private final double refillPerMs;
    private final int maxBuckets;

    public TokenBuckets(final long capacity, final long refillPerSecond, final int maxBuckets) {
        if (capacity <= 0 || refillPerSecond <= 0 || maxBuckets <= 0) {
            throw new IllegalArgumentException("bucket parameters must be positive");
        }
        this.capacity = capacity;
        this.refillPerMs = refillPerSecond / 1000.0;
        this.maxBuckets = maxBuckets;
    }

    public synchronized Decision take(final String key, final int weight, final long nowMs) {
        double[] b = buckets.get(key);
        if (b == null) {
            b = new double[] {capacity, nowMs};
            buckets.put(key, b);
            while (buckets.size() > maxBuckets) {
                buckets.remove(buckets.keySet().iterator().next());
            }
        }
        b[0] = Math.min(capacity, b[0] + (nowMs - b[1]) * refillPerMs);
        b[1] = nowMs;
        if (b[0] >= weight) {
            b[0] -= weight;
            return new Decision(true, (long) b[0], 0);
        }
        final long waitMs = (long) Math.ceil((weight - b[0]) / refillPerMs);
        return new Decision(false, (long) b[0], waitMs);
    }
}
