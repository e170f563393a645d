package space.tokenta.chain.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finality-aware response cache: answers about finalized blocks live until evicted by size, answers
 * about unfinalized blocks expire after a short TTL, and a reorg evicts every answer that touches
 * the reorganised heights. LRU-bounded by entry count.
 */
public final class FinalityCache {
    /** Marker height for answers that belong to no block (eth_chainId). */
    public static final long NO_BLOCK = -1;

    private record CachedAnswer(JsonNode value, long maxBlock, boolean finalized, long expiresAtMs) {
    }

    private final int maxEntries;
    private final long unfinalizedTtlMs;
    private final LinkedHashMap<String, CachedAnswer> entries;
    private long hits;
    private long misses;
    private long evictedByReorg;

    public FinalityCache(final int maxEntries, final long unfinalizedTtlMs) {
        if (maxEntries < 0 || unfinalizedTtlMs < 0) {
            throw new IllegalArgumentException("maxEntries and unfinalizedTtlMs must be >= 0");
        }
        this.maxEntries = maxEntries;
        this.unfinalizedTtlMs = unfinalizedTtlMs;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, CachedAnswer> eldest) {
                return size() > FinalityCache.this.maxEntries;
            }
        };
    }

    public synchronized JsonNode get(final String key, final long nowMs) {
        final CachedAnswer e = entries.get(key);
        if (e == null) {
            misses++;
            return null;
        }
        if (!e.finalized && nowMs >= e.expiresAtMs) {
            entries.remove(key);
            misses++;
            return null;
        }
        hits++;
        return e.value;
    }

    public synchronized void put(final String key, final JsonNode value, final long maxBlock, final boolean finalized, final long nowMs) {
        if (maxEntries == 0 || value == null || value.isNull()) {
            return;
        }
        if (!finalized && unfinalizedTtlMs == 0) {
            return;
        }
        entries.put(key, new CachedAnswer(value, maxBlock, finalized, finalized ? Long.MAX_VALUE : nowMs + unfinalizedTtlMs));
    }

    /** A reorg from {@code number}: drop every answer touching that height or above. */
    public synchronized int evictFrom(final long number) {
        int removed = 0;
        final Iterator<CachedAnswer> it = entries.values().iterator();
        while (it.hasNext()) {
            final CachedAnswer e = it.next();
            if (e.maxBlock != NO_BLOCK && e.maxBlock >= number) {
                it.remove();
                removed++;
            }
        }
        evictedByReorg += removed;
        return removed;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized long evictedByReorg() {
        return evictedByReorg;
    }
}
