package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * Struct-of-arrays pool of orders addressed by int slot. Orders of a price level form an intrusive
 * doubly linked FIFO ({@link #prev}/{@link #next}); orders of an account form a second one
 * ({@link #accountPrev}/{@link #accountNext}), in placement order. Slots are recycled through a
 * free list; the arrays grow (doubling) when the pool is full.
 */
public final class OrderPool {
    public static final int NIL = -1;

    public long[] orderId;
    public long[] accountId;
    public long[] clientOrderId;
    public long[] priceTicks;
    public long[] remainingLots;
    /** Buy orders: quote funds currently held in the buyer's HOLD account for this order. */
    public long[] heldAmount;
    public long[] expireAtNs;
    /** Placement sequence: unique for ever, orders the account list, validates timers. */
    public long[] sequence;
    public int[] traderSlot;
    public int[] instrumentSlot;
    /** Buy: the buyer's AVAILABLE ledger slot; sell: the listing slot. */
    public int[] fundingSlot;
    /** Buy: the buyer's HOLD ledger slot; sell: unused. */
    public int[] holdSlot;
    public byte[] side;
    public byte[] timeInForce;
    public byte[] stpMode;
    public int[] level;
    public int[] prev;
    public int[] next;
    public int[] accountPrev;
    public int[] accountNext;
    /** true while the slot holds an order (resting or being matched). */
    public boolean[] live;

    private int[] freeSlots;
    private int freeCount;
    private int capacity;
    private int liveCount;

    public OrderPool(final int initialCapacity) {
        capacity = 0;
        grow(initialCapacity);
    }

    public int liveCount() {
        return liveCount;
    }

    public int capacity() {
        return capacity;
    }

    public int allocate() {
        if (freeCount == 0) {
            grow(capacity * 2);
        }
        final int slot = freeSlots[--freeCount];
        live[slot] = true;
        level[slot] = NIL;
        prev[slot] = NIL;
        next[slot] = NIL;
        accountPrev[slot] = NIL;
        accountNext[slot] = NIL;
        liveCount++;
        return slot;
    }

    public void free(final int slot) {
        if (!live[slot]) {
            throw new IllegalStateException("double free of order slot " + slot);
        }
        live[slot] = false;
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        orderId = Arrays.copyOf(orderId == null ? new long[0] : orderId, newCapacity);
        accountId = Arrays.copyOf(accountId == null ? new long[0] : accountId, newCapacity);
        clientOrderId = Arrays.copyOf(clientOrderId == null ? new long[0] : clientOrderId, newCapacity);
        priceTicks = Arrays.copyOf(priceTicks == null ? new long[0] : priceTicks, newCapacity);
        remainingLots = Arrays.copyOf(remainingLots == null ? new long[0] : remainingLots, newCapacity);
        heldAmount = Arrays.copyOf(heldAmount == null ? new long[0] : heldAmount, newCapacity);
        expireAtNs = Arrays.copyOf(expireAtNs == null ? new long[0] : expireAtNs, newCapacity);
        sequence = Arrays.copyOf(sequence == null ? new long[0] : sequence, newCapacity);
        traderSlot = Arrays.copyOf(traderSlot == null ? new int[0] : traderSlot, newCapacity);
        instrumentSlot = Arrays.copyOf(instrumentSlot == null ? new int[0] : instrumentSlot, newCapacity);
        fundingSlot = Arrays.copyOf(fundingSlot == null ? new int[0] : fundingSlot, newCapacity);
        holdSlot = Arrays.copyOf(holdSlot == null ? new int[0] : holdSlot, newCapacity);
        side = Arrays.copyOf(side == null ? new byte[0] : side, newCapacity);
        timeInForce = Arrays.copyOf(timeInForce == null ? new byte[0] : timeInForce, newCapacity);
        stpMode = Arrays.copyOf(stpMode == null ? new byte[0] : stpMode, newCapacity);
        level = Arrays.copyOf(level == null ? new int[0] : level, newCapacity);
        prev = Arrays.copyOf(prev == null ? new int[0] : prev, newCapacity);
        next = Arrays.copyOf(next == null ? new int[0] : next, newCapacity);
        accountPrev = Arrays.copyOf(accountPrev == null ? new int[0] : accountPrev, newCapacity);
        accountNext = Arrays.copyOf(accountNext == null ? new int[0] : accountNext, newCapacity);
        live = Arrays.copyOf(live == null ? new boolean[0] : live, newCapacity);
        final int[] newFree = new int[newCapacity];
        if (freeSlots != null) {
            System.arraycopy(freeSlots, 0, newFree, 0, freeCount);
        }
        freeSlots = newFree;
        // hand out low slots first: push in descending order
        for (int slot = newCapacity - 1; slot >= old; slot--) {
            freeSlots[freeCount++] = slot;
        }
        capacity = newCapacity;
    }
}
