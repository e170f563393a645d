package space.tokenta.research.protocol;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Decision round-trip latency (environment publishes observation to environment holds the answer) and fallback counts. */
public final class LatencyRecorder {
    private static final long MAX_TRACKED_NS = 60_000_000_000L;
    private final Histogram histogram = new Histogram(1, MAX_TRACKED_NS, 3);
    private final Map<FallbackReason, Long> fallbacks = new EnumMap<>(FallbackReason.class);
    private long decisions;

    public void record(final Decision decision) {
        decisions++;
        histogram.recordValue(Math.max(1, Math.min(MAX_TRACKED_NS, decision.latencyNs())));
        if (!decision.accepted()) {
            fallbacks.merge(decision.fallback(), 1L, Long::sum);
        }
    }

    public void add(final LatencyRecorder other) {
        histogram.add(other.histogram);
        decisions += other.decisions;
        other.fallbacks.forEach((k, v) -> fallbacks.merge(k, v, Long::sum));
    }

    public long decisions() {
        return decisions;
    }

    public double percentileMicros(final double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMicros() {
        return histogram.getMaxValue() / 1000.0;
    }

    public long fallbacks(final FallbackReason reason) {
        return fallbacks.getOrDefault(reason, 0L);
    }
}
