package space.tokenta.settlement.escrow;

/**
 * Named moments inside a step where a process can die (after a transaction was sent, before its
 * outcome was stored). Production uses {@link #NONE}; the crash tests throw from one of them to
 * abandon the worker exactly there, as kill -9 would, and start a fresh worker on the same database.
 */
@FunctionalInterface
public interface CrashPoints {
    CrashPoints NONE = point -> { };

    String AFTER_OPEN_SENT = "after-open-sent";
    String AFTER_VERDICT = "after-verdict";
    String AFTER_RELEASE_SENT = "after-release-sent";
    String AFTER_REFUND_SENT = "after-refund-sent";
    String AFTER_ENGINE_SETTLED = "after-engine-settled";
    String AFTER_INGEST_READ = "after-ingest-read";

    void at(String point);
}
