package space.tokenta.research.protocol;

/** The environment side: asks for the action of one observation and blocks until it has a decision. */
public interface DecisionPort extends AutoCloseable {
    Decision decide(Observation observation);

    @Override
    default void close() {}
}
