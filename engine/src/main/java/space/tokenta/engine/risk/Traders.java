package space.tokenta.engine.risk;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;
import space.tokenta.engine.collections.IndexSizing;
import space.tokenta.engine.orderbook.OrderPool;

/**
 * Trader accounts (ADD_ACCOUNT), slots in creation order: the seller exposure limit and what is
 * used of it, and the head/tail of the account's open-order list.
 */
public final class Traders {
    public long[] accountId;
    public long[] exposureLimit;
    public long[] exposureUsed;
    public int[] orderHead;
    public int[] orderTail;
    /**
     * Per trader, the ledger slots (AVAILABLE, HOLD) of the quote asset its last buy used, so a buy
     * finds them without two hash lookups. A cache only (ledger slots are never reused): not state,
     * not in the snapshot; -1 when empty.
     */
    public int[] cachedQuoteAssetId;
    public int[] cachedAvailableSlot;
    public int[] cachedHoldSlot;
    /** Per trader, the AVAILABLE ledger slot its last sale was paid into and that slot's asset (-1 when empty): a cache. */
    public int[] cachedProceedsAssetId;
    public int[] cachedProceedsSlot;
    /**
     * Per trader, the largest client order id it has used (Long.MIN_VALUE: none), so a place with a
     * larger one (clients usually count up) skips the lookup in the client order id index. Derived
     * from the client order ids (rebuilt on restore), not written to the snapshot.
     */
    public long[] clientOrderIdCeiling;
    /** Per trader, the instrument and slot of the listing its last sell used (-1 when empty): a cache (listing slots are never reused). */
    public int[] cachedListingInstrumentId;
    public int[] cachedListingSlot;
    private int count;
    private final Long2LongHashMap slotById;
    /**
     * Direct index for small account ids (slot + 1 at index id, 0 = none): holds every trader whose id
     * is below its length. Account ids are usually handed out densely from 1, so this answers almost
     * every lookup with one array read; it covers at most {@link #DENSE_IDS_PER_TRADER} ids per
     * trader (and {@link #MAX_DENSE_IDS}), ids beyond it are found in {@link #slotById} (which holds all).
     */
    private int[] slotByDenseId = new int[MIN_DENSE_IDS];
    private static final int MIN_DENSE_IDS = 1 << 10;
    private static final int MAX_DENSE_IDS = 1 << 24;
    private static final int DENSE_IDS_PER_TRADER = 4;

    public Traders(final int initialCapacity) {
        accountId = new long[initialCapacity];
        exposureLimit = new long[initialCapacity];
        exposureUsed = new long[initialCapacity];
        orderHead = new int[initialCapacity];
        orderTail = new int[initialCapacity];
        cachedQuoteAssetId = new int[initialCapacity];
        cachedAvailableSlot = new int[initialCapacity];
        cachedHoldSlot = new int[initialCapacity];
        cachedProceedsAssetId = new int[initialCapacity];
        cachedProceedsSlot = new int[initialCapacity];
        clientOrderIdCeiling = new long[initialCapacity];
        cachedListingInstrumentId = new int[initialCapacity];
        cachedListingSlot = new int[initialCapacity];
        slotById = new Long2LongHashMap(IndexSizing.initialBuckets(initialCapacity), 0.5f, -1L);
    }

    public int count() {
        return count;
    }

    /** @return the trader's slot or -1. */
    public int find(final long id) {
        final int[] dense = slotByDenseId;
        if (id >= 0 && id < dense.length) {
            return dense[(int) id] - 1;
        }
        return (int) slotById.get(id);
    }

    public int add(final long id) {
        if (count == accountId.length) {
            final int capacity = count * 2;
            accountId = Arrays.copyOf(accountId, capacity);
            exposureLimit = Arrays.copyOf(exposureLimit, capacity);
            exposureUsed = Arrays.copyOf(exposureUsed, capacity);
            orderHead = Arrays.copyOf(orderHead, capacity);
            orderTail = Arrays.copyOf(orderTail, capacity);
            cachedQuoteAssetId = Arrays.copyOf(cachedQuoteAssetId, capacity);
            cachedAvailableSlot = Arrays.copyOf(cachedAvailableSlot, capacity);
            cachedHoldSlot = Arrays.copyOf(cachedHoldSlot, capacity);
            cachedProceedsAssetId = Arrays.copyOf(cachedProceedsAssetId, capacity);
            cachedProceedsSlot = Arrays.copyOf(cachedProceedsSlot, capacity);
            clientOrderIdCeiling = Arrays.copyOf(clientOrderIdCeiling, capacity);
            cachedListingInstrumentId = Arrays.copyOf(cachedListingInstrumentId, capacity);
            cachedListingSlot = Arrays.copyOf(cachedListingSlot, capacity);
        }
        final int slot = count++;
        accountId[slot] = id;
        exposureLimit[slot] = 0;
        exposureUsed[slot] = 0;
        orderHead[slot] = OrderPool.NIL;
        orderTail[slot] = OrderPool.NIL;
        cachedQuoteAssetId[slot] = -1;
        cachedAvailableSlot[slot] = -1;
        cachedHoldSlot[slot] = -1;
        cachedProceedsAssetId[slot] = -1;
        cachedProceedsSlot[slot] = -1;
        clientOrderIdCeiling[slot] = Long.MIN_VALUE;
        cachedListingInstrumentId[slot] = -1;
        cachedListingSlot[slot] = -1;
        slotById.put(id, slot);
        if (id >= slotByDenseId.length && id < MAX_DENSE_IDS && id < (long) count * DENSE_IDS_PER_TRADER) {
            growDense(Integer.highestOneBit((int) id) << 1);
        }
        if (id >= 0 && id < slotByDenseId.length) {
            slotByDenseId[(int) id] = slot + 1;
        }
        return slot;
    }

    private void growDense(final int length) {
        slotByDenseId = new int[length];
        for (int t = 0; t < count; t++) {
            if (accountId[t] >= 0 && accountId[t] < length) {
                slotByDenseId[(int) accountId[t]] = t + 1;
            }
        }
    }
}
