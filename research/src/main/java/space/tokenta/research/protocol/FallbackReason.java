package space.tokenta.research.protocol;

/** Why the environment used the A3 rule instead of the agent's action. */
public enum FallbackReason {
    EXCEPTION,
    NAN,
    INVALID_ACTION,
    OUT_OF_ORDER,
    DEADLINE
}
