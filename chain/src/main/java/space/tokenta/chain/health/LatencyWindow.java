package space.tokenta.chain.health;

import java.util.Arrays;

/** The last {@link #CAPACITY} latencies of an upstream, for quantiles (p50 for status, p90 for hedging). */
public final class LatencyWindow {
    public static final int CAPACITY = 256;

    private final long[] samplesMicros = new long[CAPACITY];
    private long count;

    public synchronized void record(final long micros) {
        samplesMicros[(int) (count % CAPACITY)] = Math.max(0, micros);
        count++;
    }

    public synchronized long size() {
        return Math.min(count, CAPACITY);
    }

    /** Quantile in microseconds, or -1 without samples. */
    public synchronized long quantileMicros(final double q) {
        final int n = (int) Math.min(count, CAPACITY);
        if (n == 0) {
            return -1;
        }
        final long[] copy = Arrays.copyOf(samplesMicros, n);
        Arrays.sort(copy);
        final int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
        return copy[index];
    }
}
