package space.tokenta.chain.cache;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool's view of canonical block hashes by height, learned from quorum probes and consensus
 * reads. Bounded: only the highest {@code capacity} heights are kept. A different hash at a known
 * height is a reorg: everything from that height up is forgotten.
 */
public final class CanonicalChain {
    private final int capacity;
    private final TreeMap<Long, String> hashes = new TreeMap<>();
    private long reorgs;

    public CanonicalChain(final int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("capacity in [1, 1000000]");
        }
        this.capacity = capacity;
    }

    public synchronized String hashAt(final long number) {
        return hashes.get(number);
    }

    /**
     * Records a canonical hash. Returns the height a reorg starts at when it replaces a different
     * hash (or contradicts a stored parent), else -1.
     */
    public synchronized long record(final long number, final String hash, final String parentHash) {
        if (number < 0 || hash == null || hash.isEmpty()) {
            throw new IllegalArgumentException("number >= 0 and a hash are required");
        }
        long reorgFrom = -1;
        final String known = hashes.get(number);
        if (known != null && !known.equalsIgnoreCase(hash)) {
            reorgFrom = number;
        }
        if (parentHash != null && number > 0) {
            final String parent = hashes.get(number - 1);
            if (parent != null && !parent.equalsIgnoreCase(parentHash)) {
                reorgFrom = number - 1;
            }
        }
        if (reorgFrom >= 0) {
            reorgs++;
            forgetFrom(reorgFrom);
        }
        hashes.put(number, hash.toLowerCase(java.util.Locale.ROOT));
        while (hashes.size() > capacity) {
            hashes.pollFirstEntry();
        }
        return reorgFrom;
    }

    public synchronized void forgetFrom(final long number) {
        final Iterator<Map.Entry<Long, String>> it = hashes.tailMap(number, true).entrySet().iterator();
        while (it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    public synchronized long reorgs() {
        return reorgs;
    }

    public synchronized int size() {
        return hashes.size();
    }
}
