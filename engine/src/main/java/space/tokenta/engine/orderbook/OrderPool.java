package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * Pool of orders addressed by int slot. Each order's fields sit together in one {@code long[]}
 * (16 longs per order, int and byte fields packed in pairs) so that touching an order costs one or
 * two cache lines. Orders of a price level form an intrusive doubly linked FIFO
 * ({@link #prev}/{@link #next}); orders of an account a second one
 * ({@link #accountPrev}/{@link #accountNext}), in placement order. Slots are recycled through a
 * free list; the pool grows (doubling) when full.
 */
public final class OrderPool {
    public static final int NIL = -1;
    private static final int STRIDE = 16;
    private static final int ORDER_ID = 0;
    private static final int ACCOUNT_ID = 1;
    private static final int PRICE = 2;
    private static final int REMAINING = 3;
    private static final int HELD = 4;
    private static final int EXPIRE_AT = 5;
    private static final int SEQUENCE = 6;
    private static final int CLIENT_ORDER_ID = 7;
    private static final int TRADER_INSTRUMENT = 8;
    private static final int FUNDING_HOLD = 9;
    private static final int LEVEL_FLAGS = 10;
    private static final int PREV_NEXT = 11;
    private static final int ACCOUNT_PREV_NEXT = 12;
    private static final long LOW = 0xFFFF_FFFFL;

    private long[] data;
    private int[] freeSlots;
    private int freeCount;
    private int capacity;
    private int liveCount;

    public OrderPool(final int initialCapacity) {
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
        final int base = slot * STRIDE;
        Arrays.fill(data, base, base + STRIDE, 0);
        data[base + LEVEL_FLAGS] = pack(NIL, LIVE_BIT);
        data[base + PREV_NEXT] = pack(NIL, NIL);
        data[base + ACCOUNT_PREV_NEXT] = pack(NIL, NIL);
        liveCount++;
        return slot;
    }

    public void free(final int slot) {
        if (!live(slot)) {
            throw new IllegalStateException("double free of order slot " + slot);
        }
        final int at = slot * STRIDE + LEVEL_FLAGS;
        data[at] = pack(low(data[at]), high(data[at]) & ~LIVE_BIT);
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        data = data == null ? new long[newCapacity * STRIDE] : Arrays.copyOf(data, newCapacity * STRIDE);
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

    private static long pack(final int lowInt, final int highInt) {
        return (lowInt & LOW) | ((long) highInt << 32);
    }

    private static int low(final long packed) {
        return (int) packed;
    }

    private static int high(final long packed) {
        return (int) (packed >>> 32);
    }

    private int getLow(final int slot, final int field) {
        return (int) data[slot * STRIDE + field];
    }

    private int getHigh(final int slot, final int field) {
        return (int) (data[slot * STRIDE + field] >>> 32);
    }

    private void setLow(final int slot, final int field, final int value) {
        final int at = slot * STRIDE + field;
        data[at] = (data[at] & ~LOW) | (value & LOW);
    }

    private void setHigh(final int slot, final int field, final int value) {
        final int at = slot * STRIDE + field;
        data[at] = (data[at] & LOW) | ((long) value << 32);
    }

    // flags live in the high int of LEVEL_FLAGS: bit 0 live, bit 1 on its account's list, bits 8-15 side,
    // 16-23 time in force, 24-31 STP
    private static final int LIVE_BIT = 1;
    private static final int ACCOUNT_LIST_BIT = 2;

    public long orderId(final int slot) {
        return data[slot * STRIDE + ORDER_ID];
    }

    public void orderId(final int slot, final long value) {
        data[slot * STRIDE + ORDER_ID] = value;
    }

    public long accountId(final int slot) {
        return data[slot * STRIDE + ACCOUNT_ID];
    }

    public void accountId(final int slot, final long value) {
        data[slot * STRIDE + ACCOUNT_ID] = value;
    }

    public long priceTicks(final int slot) {
        return data[slot * STRIDE + PRICE];
    }

    public void priceTicks(final int slot, final long value) {
        data[slot * STRIDE + PRICE] = value;
    }

    public long remainingLots(final int slot) {
        return data[slot * STRIDE + REMAINING];
    }

    public void remainingLots(final int slot, final long value) {
        data[slot * STRIDE + REMAINING] = value;
    }

    /** Buy orders: quote funds currently held in the buyer's HOLD account for this order. */
    public long heldAmount(final int slot) {
        return data[slot * STRIDE + HELD];
    }

    public void heldAmount(final int slot, final long value) {
        data[slot * STRIDE + HELD] = value;
    }

    public long expireAtNs(final int slot) {
        return data[slot * STRIDE + EXPIRE_AT];
    }

    public void expireAtNs(final int slot, final long value) {
        data[slot * STRIDE + EXPIRE_AT] = value;
    }

    /** Placement sequence: unique for ever, orders the account list, validates timers. */
    public long sequence(final int slot) {
        return data[slot * STRIDE + SEQUENCE];
    }

    public void sequence(final int slot, final long value) {
        data[slot * STRIDE + SEQUENCE] = value;
    }

    public long clientOrderId(final int slot) {
        return data[slot * STRIDE + CLIENT_ORDER_ID];
    }

    public void clientOrderId(final int slot, final long value) {
        data[slot * STRIDE + CLIENT_ORDER_ID] = value;
    }

    public int traderSlot(final int slot) {
        return getLow(slot, TRADER_INSTRUMENT);
    }

    public void traderSlot(final int slot, final int value) {
        setLow(slot, TRADER_INSTRUMENT, value);
    }

    public int instrumentSlot(final int slot) {
        return getHigh(slot, TRADER_INSTRUMENT);
    }

    public void instrumentSlot(final int slot, final int value) {
        setHigh(slot, TRADER_INSTRUMENT, value);
    }

    /** Buy: the buyer's AVAILABLE ledger slot; sell: the listing slot. */
    public int fundingSlot(final int slot) {
        return getLow(slot, FUNDING_HOLD);
    }

    public void fundingSlot(final int slot, final int value) {
        setLow(slot, FUNDING_HOLD, value);
    }

    /** Buy: the buyer's HOLD ledger slot; sell: unused. */
    public int holdSlot(final int slot) {
        return getHigh(slot, FUNDING_HOLD);
    }

    public void holdSlot(final int slot, final int value) {
        setHigh(slot, FUNDING_HOLD, value);
    }

    public int level(final int slot) {
        return getLow(slot, LEVEL_FLAGS);
    }

    public void level(final int slot, final int value) {
        setLow(slot, LEVEL_FLAGS, value);
    }

    /** true while the slot holds an order (resting or being matched). */
    public boolean live(final int slot) {
        return (getHigh(slot, LEVEL_FLAGS) & LIVE_BIT) != 0;
    }

    /** true while the order is on its account's open-order list (it has rested at least once). */
    public boolean onAccountList(final int slot) {
        return (getHigh(slot, LEVEL_FLAGS) & ACCOUNT_LIST_BIT) != 0;
    }

    public void onAccountList(final int slot, final boolean value) {
        final int flags = getHigh(slot, LEVEL_FLAGS);
        setHigh(slot, LEVEL_FLAGS, value ? flags | ACCOUNT_LIST_BIT : flags & ~ACCOUNT_LIST_BIT);
    }

    private int flagByte(final int slot, final int shift) {
        return (getHigh(slot, LEVEL_FLAGS) >>> shift) & 0xFF;
    }

    private void flagByte(final int slot, final int shift, final int value) {
        final int flags = getHigh(slot, LEVEL_FLAGS);
        setHigh(slot, LEVEL_FLAGS, (flags & ~(0xFF << shift)) | ((value & 0xFF) << shift));
    }

    /** Side code (0 = BUY). */
    public int side(final int slot) {
        return flagByte(slot, 8);
    }

    public void side(final int slot, final int code) {
        flagByte(slot, 8, code);
    }

    public int timeInForce(final int slot) {
        return flagByte(slot, 16);
    }

    public void timeInForce(final int slot, final int code) {
        flagByte(slot, 16, code);
    }

    public int stpMode(final int slot) {
        return flagByte(slot, 24);
    }

    public void stpMode(final int slot, final int code) {
        flagByte(slot, 24, code);
    }

    public int prev(final int slot) {
        return getLow(slot, PREV_NEXT);
    }

    public void prev(final int slot, final int value) {
        setLow(slot, PREV_NEXT, value);
    }

    public int next(final int slot) {
        return getHigh(slot, PREV_NEXT);
    }

    public void next(final int slot, final int value) {
        setHigh(slot, PREV_NEXT, value);
    }

    public int accountPrev(final int slot) {
        return getLow(slot, ACCOUNT_PREV_NEXT);
    }

    public void accountPrev(final int slot, final int value) {
        setLow(slot, ACCOUNT_PREV_NEXT, value);
    }

    public int accountNext(final int slot) {
        return getHigh(slot, ACCOUNT_PREV_NEXT);
    }

    public void accountNext(final int slot, final int value) {
        setHigh(slot, ACCOUNT_PREV_NEXT, value);
    }
}
