package space.tokenta.engine.collections;

/**
 * Initial size of the hash indexes. An index sized for the configured capacity is mostly empty and
 * spreads its keys over megabytes, so every lookup misses the cache (and the TLB); an index sized by
 * what it holds stays dense. Two kinds:
 * <ul>
 * <li>indexes of things added by setup commands (accounts, listings) start at most
 * {@link #MAX_INITIAL_BUCKETS} and double when half full;</li>
 * <li>append-only or long-lived sets (client order ids, pending and external transfer ids) are
 * pre-sized for the configured capacity up to {@link #MAX_PRESIZED_BUCKETS}, so they do not grow (and
 * allocate) in the first two million entries, and double beyond.</li>
 * </ul>
 */
public final class IndexSizing {
    /** Upper bound on the initial bucket count of an index, whatever the configured capacity. */
    public static final int MAX_INITIAL_BUCKETS = 1 << 12;

    /** Upper bound on the initial bucket count of an append-only set. */
    public static final int MAX_PRESIZED_BUCKETS = 1 << 22;

    private IndexSizing() {
    }

    /** @return the initial bucket count (a power of two) for an index expected to hold up to {@code expectedEntries}. */
    public static int initialBuckets(final int expectedEntries) {
        return Math.min(Integer.highestOneBit(Math.max(16, Math.min(expectedEntries, MAX_INITIAL_BUCKETS)) - 1) << 2,
                MAX_INITIAL_BUCKETS);
    }

    /** @return the initial bucket count for an append-only set configured for {@code expectedEntries}. */
    public static int presizedBuckets(final int expectedEntries) {
        final int wanted = Integer.highestOneBit(Math.max(16, Math.min(expectedEntries, MAX_PRESIZED_BUCKETS / 2)) * 2 - 1) << 1;
        return Math.min(wanted, MAX_PRESIZED_BUCKETS);
    }
}
