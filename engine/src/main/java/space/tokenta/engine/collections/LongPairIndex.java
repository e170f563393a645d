package space.tokenta.engine.collections;

import java.util.Arrays;

/**
 * Open-addressing hash index from a 128-bit key (two longs) to a non-negative int value, with
 * linear probing and backward-shift deletion. Allocation-free except when it grows (load 1/2).
 */
public final class LongPairIndex {
    public static final int MISSING = -1;
    private long[] keysHi;
    private long[] keysLo;
    private int[] values;
    private int mask;
    private int size;

    public LongPairIndex(final int initialCapacity) {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1) << 1;
        allocate(capacity);
    }

    private void allocate(final int capacity) {
        keysHi = new long[capacity];
        keysLo = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    private static int hash(final long hi, final long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** @return the value for the key, or {@link #MISSING}. */
    public int get(final long hi, final long lo) {
        int i = hash(hi, lo) & mask;
        while (values[i] != MISSING) {
            if (keysHi[i] == hi && keysLo[i] == lo) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /** Inserts or replaces; {@code value} must be non-negative. */
    public void put(final long hi, final long lo, final int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        int i = hash(hi, lo) & mask;
        while (values[i] != MISSING) {
            if (keysHi[i] == hi && keysLo[i] == lo) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keysHi[i] = hi;
        keysLo[i] = lo;
        values[i] = value;
        if (++size * 2 > values.length) {
            rehash(values.length * 2);
        }
    }

    /** Removes the key if present. @return its value or {@link #MISSING}. */
    public int remove(final long hi, final long lo) {
        int i = hash(hi, lo) & mask;
        while (values[i] != MISSING) {
            if (keysHi[i] == hi && keysLo[i] == lo) {
                final int removed = values[i];
                shiftBack(i);
                size--;
                return removed;
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    private void shiftBack(final int start) {
        int hole = start;
        int i = (start + 1) & mask;
        while (values[i] != MISSING) {
            final int home = hash(keysHi[i], keysLo[i]) & mask;
            // move entry i into the hole if its home is not cyclically within (hole, i]
            final boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keysHi[hole] = keysHi[i];
                keysLo[hole] = keysLo[i];
                values[hole] = values[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        values[hole] = MISSING;
    }

    private void rehash(final int capacity) {
        final long[] oldHi = keysHi;
        final long[] oldLo = keysLo;
        final int[] oldValues = values;
        allocate(capacity);
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != MISSING) {
                put(oldHi[i], oldLo[i], oldValues[i]);
            }
        }
    }
}
