package space.tokenta.store.source;

/**
 * An ordered, replayable stream of {@link LogEntry} tagged with strictly increasing log positions.
 * Consumers remember the position they reached and resume after it; a source never blocks its
 * producer on a consumer.
 */
public interface EventSource {

    /** Receives entries in log order. */
    @FunctionalInterface
    interface EntryHandler {
        void onEntry(LogEntry entry);
    }

    /** The position of the newest entry, 0 when the log is empty. */
    long headPosition();

    /**
     * Delivers, in order, at most {@code maxEntries} entries whose position is greater than
     * {@code afterPosition} (0 = from the start).
     *
     * @return how many entries were delivered (0 when caught up)
     */
    int poll(long afterPosition, int maxEntries, EntryHandler handler);
}
