package space.tokenta.engine.risk;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;
import space.tokenta.engine.collections.IndexSizing;

/**
 * Sellers' registered listings: capacity (lots) per (account, instrument), what open sell orders
 * reserve of it and what was sold. Slots in creation order, never reused.
 */
public final class Listings {
    public long[] accountId;
    public int[] instrumentId;
    public long[] capacityLots;
    public long[] reservedLots;
    public long[] soldLots;
    private int count;
    private final Long2LongHashMap slotByKey;

    public Listings(final int initialCapacity) {
        accountId = new long[initialCapacity];
        instrumentId = new int[initialCapacity];
        capacityLots = new long[initialCapacity];
        reservedLots = new long[initialCapacity];
        soldLots = new long[initialCapacity];
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
        if (count == accountId.length) {
            final int capacity = count * 2;
            accountId = Arrays.copyOf(accountId, capacity);
            instrumentId = Arrays.copyOf(instrumentId, capacity);
            capacityLots = Arrays.copyOf(capacityLots, capacity);
            reservedLots = Arrays.copyOf(reservedLots, capacity);
            soldLots = Arrays.copyOf(soldLots, capacity);
        }
        final int slot = count++;
        accountId[slot] = account;
        instrumentId[slot] = instrument;
        capacityLots[slot] = 0;
        reservedLots[slot] = 0;
        soldLots[slot] = 0;
        slotByKey.put(key(account, instrument), slot);
        return slot;
    }

    /** Lots the seller may still offer. */
    public long free(final int slot) {
        return capacityLots[slot] - reservedLots[slot] - soldLots[slot];
    }
}
