package space.tokenta.research.protocol;

/** The agent side of the protocol: answers one observation with one action tagged with its seq. */
@FunctionalInterface
public interface AgentEndpoint {
    Action act(Observation observation);
}
