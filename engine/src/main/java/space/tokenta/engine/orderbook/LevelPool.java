package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * Pool of price levels: price, total open quantity, order count and the FIFO's head and tail, as
 * four adjacent longs per level (one cache line holds two levels).
 */
public final class LevelPool {
    private static final int STRIDE = 4;
    private static final int PRICE = 0;
    private static final int TOTAL = 1;
    private static final int COUNT = 2;
    private static final int HEAD_TAIL = 3;
    private static final long LOW = 0xFFFF_FFFFL;

    private long[] data;
    private int[] freeSlots;
    private int freeCount;
    private int capacity;

    public LevelPool(final int initialCapacity) {
        grow(initialCapacity);
    }

    public int allocate(final long price) {
        if (freeCount == 0) {
            grow(capacity * 2);
        }
        final int slot = freeSlots[--freeCount];
        final int base = slot * STRIDE;
        data[base + PRICE] = price;
        data[base + TOTAL] = 0;
        data[base + COUNT] = 0;
        data[base + HEAD_TAIL] = (OrderPool.NIL & LOW) | ((long) OrderPool.NIL << 32);
        return slot;
    }

    public void free(final int slot) {
        freeSlots[freeCount++] = slot;
    }

    public long priceTicks(final int slot) {
        return data[slot * STRIDE + PRICE];
    }

    public long totalLots(final int slot) {
        return data[slot * STRIDE + TOTAL];
    }

    public void totalLots(final int slot, final long value) {
        data[slot * STRIDE + TOTAL] = value;
    }

    public int orderCount(final int slot) {
        return (int) data[slot * STRIDE + COUNT];
    }

    public void orderCount(final int slot, final int value) {
        data[slot * STRIDE + COUNT] = value;
    }

    public int head(final int slot) {
        return (int) data[slot * STRIDE + HEAD_TAIL];
    }

    public void head(final int slot, final int value) {
        final int at = slot * STRIDE + HEAD_TAIL;
        data[at] = (data[at] & ~LOW) | (value & LOW);
    }

    public int tail(final int slot) {
        return (int) (data[slot * STRIDE + HEAD_TAIL] >>> 32);
    }

    public void tail(final int slot, final int value) {
        final int at = slot * STRIDE + HEAD_TAIL;
        data[at] = (data[at] & LOW) | ((long) value << 32);
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        data = data == null ? new long[newCapacity * STRIDE] : Arrays.copyOf(data, newCapacity * STRIDE);
        final int[] newFree = new int[newCapacity];
        if (freeSlots != null) {
            System.arraycopy(freeSlots, 0, newFree, 0, freeCount);
        }
        freeSlots = newFree;
        for (int slot = newCapacity - 1; slot >= old; slot--) {
            freeSlots[freeCount++] = slot;
        }
        capacity = newCapacity;
    }
}
