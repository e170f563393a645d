package space.tokenta.engine.risk;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;
import space.tokenta.engine.collections.IndexSizing;

/**
 * Sellers' registered listings: capacity (lots) per (account, instrument), what open sell orders
 * reserve of it and what was sold. Slots in creation order, never reused.
 *
 * <p>A listing's capacity, reserved and sold lots and its account id are four adjacent longs (32
 * bytes), so a sell's capacity check and reservation touch one block instead of one line per field
 * in parallel arrays. The instrument id (read by snapshots only) stays in its own array.
 */
public final class Listings {
    private static final int STRIDE = 4;
    private static final int CAPACITY = 0;
    private static final int RESERVED = 1;
    private static final int SOLD = 2;
    private static final int ACCOUNT_ID = 3;

    private long[] data;
    private int[] instrumentIds;
    private int count;
    private final Long2LongHashMap slotByKey;

    public Listings(final int initialCapacity) {
        data = new long[initialCapacity * STRIDE];
        instrumentIds = new int[initialCapacity];
        slotByKey = new Long2LongHashMap(IndexSizing.initialBuckets(initialCapacity), 0.5f, -1L);
    }

    public int count() {
        return count;
    }

    private static long key(final long account, final int instrument) {
        return (account << 24) | instrument;
    }

    public int find(final long account, final int instrument) {
        return (int) slotByKey.get(key(account, instrument));
    }

    public int add(final long account, final int instrument) {
        if (count == instrumentIds.length) {
            final int capacity = count * 2;
            data = Arrays.copyOf(data, capacity * STRIDE);
            instrumentIds = Arrays.copyOf(instrumentIds, capacity);
        }
        final int slot = count++;
        final int base = slot * STRIDE;
        data[base + CAPACITY] = 0;
        data[base + RESERVED] = 0;
        data[base + SOLD] = 0;
        data[base + ACCOUNT_ID] = account;
        instrumentIds[slot] = instrument;
        slotByKey.put(key(account, instrument), slot);
        return slot;
    }

    public long accountId(final int slot) {
        return data[slot * STRIDE + ACCOUNT_ID];
    }

    public int instrumentId(final int slot) {
        return instrumentIds[slot];
    }

    public long capacityLots(final int slot) {
        return data[slot * STRIDE + CAPACITY];
    }

    public void capacityLots(final int slot, final long lots) {
        data[slot * STRIDE + CAPACITY] = lots;
    }

    public long reservedLots(final int slot) {
        return data[slot * STRIDE + RESERVED];
    }

    public void reservedLots(final int slot, final long lots) {
        data[slot * STRIDE + RESERVED] = lots;
    }

    /** Open sell orders reserve {@code deltaLots} more (negative: release). */
    public void addReserved(final int slot, final long deltaLots) {
        data[slot * STRIDE + RESERVED] += deltaLots;
    }

    public long soldLots(final int slot) {
        return data[slot * STRIDE + SOLD];
    }

    public void soldLots(final int slot, final long lots) {
        data[slot * STRIDE + SOLD] = lots;
    }

    /** A fill: {@code lots} move from reserved to sold for good. */
    public void sell(final int slot, final long lots) {
        final int base = slot * STRIDE;
        data[base + RESERVED] -= lots;
        data[base + SOLD] += lots;
    }

    /** Lots the seller may still offer. */
    public long free(final int slot) {
        final int base = slot * STRIDE;
        return data[base + CAPACITY] - data[base + RESERVED] - data[base + SOLD];
    }
}
