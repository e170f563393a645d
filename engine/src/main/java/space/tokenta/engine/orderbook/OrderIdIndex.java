package space.tokenta.engine.orderbook;

/**
 * Open order id to order slot, in two parts.
 * <p>
 * A direct ring: order ids are assigned by the sequencer and dense, so the open ones mostly differ in
 * their low bits. Cell {@code id & ringMask} holds the slot + 1 of one open order whose id maps there
 * (0 = empty); a hit is confirmed against {@link OrderPool#orderId}. No hash, no probing, and recent
 * ids sit next to each other. An id whose cell is taken by another open order (ids further apart than
 * the ring) goes to the hash table. Every open id is in exactly one part: the ring when its cell held
 * it at insertion, else the table; removal clears the cell, so the ring never holds a stale slot.
 * <p>
 * The hash table: each bucket is one long: the high 32 bits of the id's hash and the
 * slot + 1 (0 = empty); a hit is confirmed against {@link OrderPool#orderId}, the order's first field,
 * which the caller reads next anyway. Half the size of a (key, value) table, so more of it stays in
 * cache. Linear probing, load at most 1/2, backward-shift deletion (the stored hash gives each
 * entry's home bucket). Grows by doubling when half full; never shrinks.
 */
public final class OrderIdIndex {
    public static final int MISSING = -1;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private final OrderPool orders;
    private final int[] ring;
    private final int ringMask;
    private long[] buckets;
    private int mask;
    private int size;
    /** Open ids held by the ring; the rest ({@code size - ringSize}) are in the hash table. */
    private int ringSize;

    public OrderIdIndex(final OrderPool orders, final int initialBuckets) {
        this(orders, initialBuckets, initialBuckets);
    }

    /**
     * @param ringCells      cells of the direct ring (a power of two >= 16; fixed). Open orders live long
     *                       (a move keeps its id) while new ids advance, so open ids spread wider than
     *                       the number of open orders: a ring several times that number keeps most of
     *                       them out of the hash table.
     * @param initialBuckets initial buckets of the hash table (a power of two >= 16; doubles when half full)
     */
    public OrderIdIndex(final OrderPool orders, final int ringCells, final int initialBuckets) {
        if (Integer.bitCount(initialBuckets) != 1 || initialBuckets < 16) {
            throw new IllegalArgumentException("initialBuckets must be a power of two >= 16: " + initialBuckets);
        }
        if (Integer.bitCount(ringCells) != 1 || ringCells < 16) {
            throw new IllegalArgumentException("ringCells must be a power of two >= 16: " + ringCells);
        }
        this.orders = orders;
        ring = new int[ringCells];
        ringMask = ringCells - 1;
        buckets = new long[initialBuckets];
        mask = initialBuckets - 1;
    }

    public int size() {
        return size;
    }

    private static int hash(final long orderId) {
        long h = orderId * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h >>> 32);
    }

    /** @return the slot of the open order with this id, or {@link #MISSING}. */
    public int get(final long orderId) {
        final int cell = ring[(int) orderId & ringMask] - 1;
        if (cell >= 0 && orders.orderId(cell) == orderId) {
            return cell;
        }
        return hashedGet(orderId);
    }

    private int hashedGet(final long orderId) {
        final int bucket = bucketOf(orderId);
        return bucket < 0 ? MISSING : (int) (buckets[bucket] & SLOT_MASK) - 1;
    }

    /** The hash table's bucket holding {@code orderId}, or -1 (also when every id sits in the ring). */
    private int bucketOf(final long orderId) {
        if (size == ringSize) {
            return -1;
        }
        final int h = hash(orderId);
        final long[] t = buckets;
        int i = h & mask;
        for (int probes = 0; probes <= mask; probes++) {
            final long bucket = t[i];
            if (bucket == 0) {
                return -1;
            }
            if ((int) (bucket >>> 32) == h && orders.orderId((int) (bucket & SLOT_MASK) - 1) == orderId) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Adds an id that is not present; its order must already carry it in {@link OrderPool#orderId}. */
    public void put(final long orderId, final int slot) {
        if (slot < 0 || orders.orderId(slot) != orderId) {
            throw new IllegalArgumentException("slot " + slot + " does not hold order " + orderId);
        }
        final int cellIndex = (int) orderId & ringMask;
        size++;
        if (ring[cellIndex] == 0) {
            ring[cellIndex] = slot + 1;
            ringSize++;
            return;
        }
        final int hashed = size - ringSize;
        if (hashed * 2 > buckets.length) {
            rehash(buckets.length * 2);
        }
        insert(hash(orderId), slot);
    }

    private void insert(final int h, final int slot) {
        final long[] t = buckets;
        int i = h & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = ((long) h << 32) | (slot + 1L);
    }

    /** Removes the id if present. @return its slot or {@link #MISSING}. */
    public int remove(final long orderId) {
        final int cellIndex = (int) orderId & ringMask;
        final int cell = ring[cellIndex] - 1;
        if (cell >= 0 && orders.orderId(cell) == orderId) {
            ring[cellIndex] = 0;
            ringSize--;
            size--;
            return cell;
        }
        final int bucket = bucketOf(orderId);
        if (bucket < 0) {
            return MISSING;
        }
        final int slot = (int) (buckets[bucket] & SLOT_MASK) - 1;
        shiftBack(bucket);
        size--;
        return slot;
    }

    private void shiftBack(final int start) {
        final long[] t = buckets;
        int hole = start;
        int i = (start + 1) & mask;
        while (t[i] != 0) {
            final int home = (int) (t[i] >>> 32) & mask;
            // move entry i into the hole unless its home lies cyclically within (hole, i]
            final boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                t[hole] = t[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        t[hole] = 0;
    }

    private void rehash(final int bucketCount) {
        final long[] old = buckets;
        buckets = new long[bucketCount];
        mask = bucketCount - 1;
        for (final long bucket : old) {
            if (bucket != 0) {
                insert((int) (bucket >>> 32), (int) (bucket & SLOT_MASK) - 1);
            }
        }
    }
}
