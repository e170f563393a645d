package space.tokenta.settlement.indexer;

/**
 * Where final events go (at least once; the receiver is idempotent by chain event id).
 * Returns true when the event was new, false when that id had been seen. Throws to have it retried.
 */
public interface FinalEventSink {
    boolean accept(CreditDeposit command);
}
