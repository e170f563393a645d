package space.tokenta.research.protocol;

import java.util.Set;

/**
 * Re-runs a logged episode: deadline misses are the one input that depends on wall-clock time, so
 * the logged ones are injected at their sequence numbers; everything else is recomputed by the
 * agent on the calling thread.
 */
public final class ReplayPort implements DecisionPort {
    private final DecisionPort inner;
    private final Set<Long> deadlineMisses;

    public ReplayPort(final AgentEndpoint endpoint, final Set<Long> deadlineMisses) {
        this.inner = new DirectPort(endpoint);
        this.deadlineMisses = Set.copyOf(deadlineMisses);
    }

    @Override
    public Decision decide(final Observation observation) {
        if (deadlineMisses.contains(observation.seq())) {
            return Decision.fallback(observation.seq(), FallbackReason.DEADLINE, "replayed deadline miss", 0);
        }
        return inner.decide(observation);
    }
}
