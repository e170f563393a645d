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
    private int count;
    private final Long2LongHashMap slotById;

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
        slotById = new Long2LongHashMap(IndexSizing.initialBuckets(initialCapacity), 0.5f, -1L);
    }

    public int count() {
        return count;
    }

    /** @return the trader's slot or -1. */
    public int find(final long id) {
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
        slotById.put(id, slot);
        return slot;
    }
}
