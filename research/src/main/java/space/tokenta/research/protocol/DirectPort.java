package space.tokenta.research.protocol;

/**
 * Calls the agent on the environment's own thread, without a deadline: used for training, where
 * determinism matters and latency does not. Exceptions and bad actions still fall back.
 */
public final class DirectPort implements DecisionPort {
    private final AgentEndpoint endpoint;

    public DirectPort(final AgentEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Decision decide(final Observation observation) {
        final long start = System.nanoTime();
        final Action action;
        try {
            action = endpoint.act(observation);
        } catch (RuntimeException e) {
            return Decision.fallback(observation.seq(), FallbackReason.EXCEPTION, String.valueOf(e), System.nanoTime() - start);
        }
        return ActionValidator.validate(observation, action, System.nanoTime() - start);
    }
}
