package space.tokenta.engine.collections;

import java.util.Arrays;

/**
 * Open-addressing hash index from a 128-bit key (two longs) to a non-negative int value, with
 * linear probing and backward-shift deletion. Each entry is three adjacent longs (key high, key low,
 * value) so a lookup touches one cache line. Allocation-free except when it grows (load 1/2).
 *
 * <p>Keys whose high half equals {@code sequentialHi} (ids the engine hands out from a sequence, never
 * two adjacent ones stored) are placed by their low half, so consecutive ids share cache lines and
 * pages instead of landing anywhere in the table; every other key is placed by a full mix.
 */
public final class LongPairIndex {
    public static final int MISSING = -1;
    private static final int STRIDE = 3;
    private long[] table;
    private int mask;
    private int size;
    private final long sequentialHi;

    public LongPairIndex(final int initialCapacity) {
        this(initialCapacity, 0);
    }

    /** @param sequentialHi high half of keys placed by their low half (0: none; 0 is never a sequence high half here) */
    public LongPairIndex(final int initialCapacity, final long sequentialHi) {
        this.sequentialHi = sequentialHi;
        allocate(Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1) << 1);
    }

    private void allocate(final int capacity) {
        table = new long[capacity * STRIDE];
        for (int i = 2; i < table.length; i += STRIDE) {
            table[i] = MISSING;
        }
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    private int hash(final long hi, final long lo) {
        if (hi == sequentialHi && hi != 0) {
            return (int) lo;
        }
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** @return the value for the key, or {@link #MISSING}. */
    public int get(final long hi, final long lo) {
        final long[] t = table;
        int i = hash(hi, lo) & mask;
        while (true) {
            final int at = i * STRIDE;
            final long value = t[at + 2];
            if (value == MISSING) {
                return MISSING;
            }
            if (t[at] == hi && t[at + 1] == lo) {
                return (int) value;
            }
            i = (i + 1) & mask;
        }
    }

    /** Inserts or replaces; {@code value} must be non-negative. */
    public void put(final long hi, final long lo, final int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        final long[] t = table;
        int i = hash(hi, lo) & mask;
        while (true) {
            final int at = i * STRIDE;
            if (t[at + 2] == MISSING) {
                t[at] = hi;
                t[at + 1] = lo;
                t[at + 2] = value;
                if (++size * 2 > mask + 1) {
                    rehash((mask + 1) * 2);
                }
                return;
            }
            if (t[at] == hi && t[at + 1] == lo) {
                t[at + 2] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes the key if present. @return its value or {@link #MISSING}. */
    public int remove(final long hi, final long lo) {
        final long[] t = table;
        int i = hash(hi, lo) & mask;
        while (true) {
            final int at = i * STRIDE;
            final long value = t[at + 2];
            if (value == MISSING) {
                return MISSING;
            }
            if (t[at] == hi && t[at + 1] == lo) {
                shiftBack(i);
                size--;
                return (int) value;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(final int start) {
        final long[] t = table;
        int hole = start;
        int i = (start + 1) & mask;
        while (t[i * STRIDE + 2] != MISSING) {
            final int at = i * STRIDE;
            final int home = hash(t[at], t[at + 1]) & mask;
            // move entry i into the hole unless its home lies cyclically within (hole, i]
            final boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                final int holeAt = hole * STRIDE;
                t[holeAt] = t[at];
                t[holeAt + 1] = t[at + 1];
                t[holeAt + 2] = t[at + 2];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        t[hole * STRIDE + 2] = MISSING;
    }

    private void rehash(final int capacity) {
        final long[] old = table;
        allocate(capacity);
        size = 0;
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at + 2] != MISSING) {
                put(old[at], old[at + 1], (int) old[at + 2]);
            }
        }
    }

    /** Removes every entry (keeps the capacity). */
    public void clear() {
        Arrays.fill(table, 0);
        for (int i = 2; i < table.length; i += STRIDE) {
            table[i] = MISSING;
        }
        size = 0;
    }
}
