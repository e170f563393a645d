package space.tokenta.engine.collections;

/**
 * Initial size of the hash indexes (order id, account, ledger key, listing). An index sized for the
 * configured pool capacity is mostly empty and spreads a few live keys over megabytes, so every
 * lookup misses the cache; starting small and doubling keeps it as dense as what it holds (growth is
 * amortised and rare: a table only doubles when half full).
 */
public final class IndexSizing {
    /** Upper bound on the initial bucket count of an index, whatever the configured capacity. */
    public static final int MAX_INITIAL_BUCKETS = 1 << 12;

    private IndexSizing() {
    }

    /** @return the initial bucket count for an index expected to hold up to {@code expectedEntries}. */
    public static int initialBuckets(final int expectedEntries) {
        return Math.min(Math.max(16, expectedEntries) * 2, MAX_INITIAL_BUCKETS);
    }
}
