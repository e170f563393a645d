package space.tokenta.research.protocol;

import org.HdrHistogram.Histogram;

/**
 * Measures the agent's own compute time per decision (inside the agent thread), to tell inference
 * cost apart from the hand-off between threads. Read the histogram only after the port is closed.
 */
public final class TimedEndpoint implements AgentEndpoint {
    private final AgentEndpoint inner;
    private final Histogram histogram = new Histogram(1, 60_000_000_000L, 3);

    public TimedEndpoint(final AgentEndpoint inner) {
        this.inner = inner;
    }

    @Override
    public Action act(final Observation observation) {
        final long start = System.nanoTime();
        try {
            return inner.act(observation);
        } finally {
            histogram.recordValue(Math.max(1, Math.min(60_000_000_000L, System.nanoTime() - start)));
        }
    }

    public Histogram histogram() {
        return histogram;
    }
}
