package space.tokenta.research.sim;

/** Receives every mobility event of an episode, in simulated-time order. */
public interface EventSink {
    EventSink NONE = new EventSink() {};

    default void handover(int tick, int fromCell, int toCell) {}

    default void pingPong(int tick, int fromCell, int toCell) {}

    default void handoverFailure(int tick, int fromCell, int toCell, String cause) {}

    default void radioLinkFailure(int tick, int cell) {}

    default void reestablished(int tick, int cell) {}

    default void fallback(int tick, long seq, String reason) {}
}
