package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * Pool of orders addressed by int slot. What matching, amending and cancelling read sits in one
 * block of {@link #HOT_STRIDE} longs (64 bytes: id, account and instrument, price, remaining, held
 * funds, trader and funding slots, the level FIFO links, level and flags); what only placement,
 * expiry, the account list and snapshots need (expiry, placement sequence, client order id, the
 * account list links) sits in a second array of {@link #COLD_STRIDE} longs per order. So an order
 * costs one 64-byte block on the hot paths, and the pool's hot part is half the size it would be
 * with every field together. Orders of a price level form an intrusive doubly linked FIFO
 * ({@link #prev}/{@link #next}); orders of an account a second one
 * ({@link #accountPrev}/{@link #accountNext}), in placement order. Slots are recycled through a
 * free list; the pool grows (doubling) when full.
 */
public final class OrderPool {
    public static final int NIL = -1;
    /** Largest account id an order can carry (40 bits, as {@code Limits.MAX_ACCOUNT_ID}). */
    public static final long MAX_ACCOUNT_ID = (1L << 40) - 1;
    /** Largest instrument slot an order can carry (24 bits). */
    public static final int MAX_INSTRUMENT_SLOT = (1 << 24) - 1;
    private static final int HOT_STRIDE = 8;
    private static final int ORDER_ID = 0;
    private static final int ACCOUNT_INSTRUMENT = 1; // account id in bits 0-39, instrument slot in 40-63
    private static final int PRICE = 2;
    private static final int REMAINING = 3;
    private static final int HELD = 4;
    private static final int TRADER_FUNDING = 5;
    private static final int PREV_NEXT = 6;
    private static final int LEVEL_FLAGS = 7;
    private static final int COLD_STRIDE = 4;
    private static final int EXPIRE_AT = 0;
    private static final int SEQUENCE = 1;
    private static final int CLIENT_ORDER_ID = 2;
    private static final int ACCOUNT_PREV_NEXT = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final int ACCOUNT_BITS = 40;

    private long[] data;
    private long[] cold;
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
        final int base = slot * HOT_STRIDE;
        Arrays.fill(data, base, base + HOT_STRIDE, 0);
        data[base + LEVEL_FLAGS] = pack(NIL, LIVE_BIT);
        data[base + PREV_NEXT] = pack(NIL, NIL);
        final int coldBase = slot * COLD_STRIDE;
        Arrays.fill(cold, coldBase, coldBase + COLD_STRIDE, 0);
        cold[coldBase + ACCOUNT_PREV_NEXT] = pack(NIL, NIL);
        liveCount++;
        return slot;
    }

    public void free(final int slot) {
        if (!live(slot)) {
            throw new IllegalStateException("double free of order slot " + slot);
        }
        final int at = slot * HOT_STRIDE + LEVEL_FLAGS;
        data[at] = pack(low(data[at]), high(data[at]) & ~LIVE_BIT);
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        data = data == null ? new long[newCapacity * HOT_STRIDE] : Arrays.copyOf(data, newCapacity * HOT_STRIDE);
        cold = cold == null ? new long[newCapacity * COLD_STRIDE] : Arrays.copyOf(cold, newCapacity * COLD_STRIDE);
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
        return (int) data[slot * HOT_STRIDE + field];
    }

    private int getHigh(final int slot, final int field) {
        return (int) (data[slot * HOT_STRIDE + field] >>> 32);
    }

    private void setLow(final int slot, final int field, final int value) {
        final int at = slot * HOT_STRIDE + field;
        data[at] = (data[at] & ~LOW) | (value & LOW);
    }

    private void setHigh(final int slot, final int field, final int value) {
        final int at = slot * HOT_STRIDE + field;
        data[at] = (data[at] & LOW) | ((long) value << 32);
    }

    // flags live in the high int of LEVEL_FLAGS: bit 0 live, bit 1 on its account's list, bits 8-15 side,
    // 16-23 time in force, 24-31 STP
    private static final int LIVE_BIT = 1;
    private static final int ACCOUNT_LIST_BIT = 2;

    public long orderId(final int slot) {
        return data[slot * HOT_STRIDE + ORDER_ID];
    }

    public void orderId(final int slot, final long value) {
        data[slot * HOT_STRIDE + ORDER_ID] = value;
    }

    public long accountId(final int slot) {
        return data[slot * HOT_STRIDE + ACCOUNT_INSTRUMENT] & MAX_ACCOUNT_ID;
    }

    /** @throws IllegalArgumentException when the id does not fit 40 bits (account ids never do) */
    public void accountId(final int slot, final long value) {
        if (value < 0 || value > MAX_ACCOUNT_ID) {
            throw new IllegalArgumentException("account id out of range: " + value);
        }
        final int at = slot * HOT_STRIDE + ACCOUNT_INSTRUMENT;
        data[at] = (data[at] & ~MAX_ACCOUNT_ID) | value;
    }

    public long priceTicks(final int slot) {
        return data[slot * HOT_STRIDE + PRICE];
    }

    public void priceTicks(final int slot, final long value) {
        data[slot * HOT_STRIDE + PRICE] = value;
    }

    public long remainingLots(final int slot) {
        return data[slot * HOT_STRIDE + REMAINING];
    }

    public void remainingLots(final int slot, final long value) {
        data[slot * HOT_STRIDE + REMAINING] = value;
    }

    /** Buy orders: quote funds currently held in the buyer's HOLD account for this order. */
    public long heldAmount(final int slot) {
        return data[slot * HOT_STRIDE + HELD];
    }

    public void heldAmount(final int slot, final long value) {
        data[slot * HOT_STRIDE + HELD] = value;
    }

    public long expireAtNs(final int slot) {
        return cold[slot * COLD_STRIDE + EXPIRE_AT];
    }

    public void expireAtNs(final int slot, final long value) {
        cold[slot * COLD_STRIDE + EXPIRE_AT] = value;
    }

    /** Placement sequence: unique for ever, orders the account list, validates timers. */
    public long sequence(final int slot) {
        return cold[slot * COLD_STRIDE + SEQUENCE];
    }

    public void sequence(final int slot, final long value) {
        cold[slot * COLD_STRIDE + SEQUENCE] = value;
    }

    public long clientOrderId(final int slot) {
        return cold[slot * COLD_STRIDE + CLIENT_ORDER_ID];
    }

    public void clientOrderId(final int slot, final long value) {
        cold[slot * COLD_STRIDE + CLIENT_ORDER_ID] = value;
    }

    public int traderSlot(final int slot) {
        return getLow(slot, TRADER_FUNDING);
    }

    public void traderSlot(final int slot, final int value) {
        setLow(slot, TRADER_FUNDING, value);
    }

    public int instrumentSlot(final int slot) {
        return (int) (data[slot * HOT_STRIDE + ACCOUNT_INSTRUMENT] >>> ACCOUNT_BITS);
    }

    /** @throws IllegalArgumentException when the slot does not fit 24 bits */
    public void instrumentSlot(final int slot, final int value) {
        if (value < 0 || value > MAX_INSTRUMENT_SLOT) {
            throw new IllegalArgumentException("instrument slot out of range: " + value);
        }
        final int at = slot * HOT_STRIDE + ACCOUNT_INSTRUMENT;
        data[at] = (data[at] & MAX_ACCOUNT_ID) | ((long) value << ACCOUNT_BITS);
    }

    /**
     * Buy: the buyer's AVAILABLE ledger cell (its HOLD cell is the paired one, see
     * {@code Ledger.holdCellOf}); sell: the listing slot.
     */
    public int fundingSlot(final int slot) {
        return getHigh(slot, TRADER_FUNDING);
    }

    public void fundingSlot(final int slot, final int value) {
        setHigh(slot, TRADER_FUNDING, value);
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
        return (int) cold[slot * COLD_STRIDE + ACCOUNT_PREV_NEXT];
    }

    public void accountPrev(final int slot, final int value) {
        final int at = slot * COLD_STRIDE + ACCOUNT_PREV_NEXT;
        cold[at] = (cold[at] & ~LOW) | (value & LOW);
    }

    public int accountNext(final int slot) {
        return (int) (cold[slot * COLD_STRIDE + ACCOUNT_PREV_NEXT] >>> 32);
    }

    public void accountNext(final int slot, final int value) {
        final int at = slot * COLD_STRIDE + ACCOUNT_PREV_NEXT;
        cold[at] = (cold[at] & LOW) | ((long) value << 32);
    }
}
