package space.tokenta.engine.orderbook;

import java.util.Arrays;

/** Struct-of-arrays pool of price levels: price, total open quantity, order count and the FIFO ends. */
public final class LevelPool {
    public long[] priceTicks;
    public long[] totalLots;
    public int[] orderCount;
    public int[] head;
    public int[] tail;
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
        priceTicks[slot] = price;
        totalLots[slot] = 0;
        orderCount[slot] = 0;
        head[slot] = OrderPool.NIL;
        tail[slot] = OrderPool.NIL;
        return slot;
    }

    public void free(final int slot) {
        freeSlots[freeCount++] = slot;
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        priceTicks = Arrays.copyOf(priceTicks == null ? new long[0] : priceTicks, newCapacity);
        totalLots = Arrays.copyOf(totalLots == null ? new long[0] : totalLots, newCapacity);
        orderCount = Arrays.copyOf(orderCount == null ? new int[0] : orderCount, newCapacity);
        head = Arrays.copyOf(head == null ? new int[0] : head, newCapacity);
        tail = Arrays.copyOf(tail == null ? new int[0] : tail, newCapacity);
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
