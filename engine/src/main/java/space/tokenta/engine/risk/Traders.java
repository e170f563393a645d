package space.tokenta.engine.risk;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;
import space.tokenta.engine.collections.IndexSizing;
import space.tokenta.engine.orderbook.OrderPool;

/**
 * Trader accounts (ADD_ACCOUNT), slots in creation order: the seller exposure limit and what is
 * used of it, the head/tail of the account's open-order list, and per-trader caches.
 *
 * <p>Every field a command reads or writes for a trader sits in one block of {@link #STRIDE} longs
 * (64 bytes, int fields packed in pairs), so a command touches one or two cache lines of a trader
 * instead of one line per field in parallel arrays. The account id (read by snapshots and restore
 * only) stays in its own array.
 */
public final class Traders {
    private static final int STRIDE = 8;
    private static final int EXPOSURE_LIMIT = 0;
    private static final int EXPOSURE_USED = 1;
    private static final int CLIENT_ORDER_ID_CEILING = 2;
    private static final int ORDER_HEAD_TAIL = 3;
    private static final int QUOTE_ASSET_AVAILABLE = 4;
    private static final int HOLD_PROCEEDS_ASSET = 5;
    private static final int PROCEEDS_LISTING_INSTRUMENT = 6;
    private static final int LISTING_SLOT = 7;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final int MIN_DENSE_IDS = 1 << 10;
    private static final int MAX_DENSE_IDS = 1 << 24;
    private static final int DENSE_IDS_PER_TRADER = 4;

    public long[] accountId;
    private long[] data;
    private int count;
    private final Long2LongHashMap slotById;
    /**
     * Direct index for small account ids (slot + 1 at index id, 0 = none): holds every trader whose id
     * is below its length. Account ids are usually handed out densely from 1, so this answers almost
     * every lookup with one array read; it covers at most {@link #DENSE_IDS_PER_TRADER} ids per
     * trader (and {@link #MAX_DENSE_IDS}), ids beyond it are found in {@link #slotById} (which holds all).
     */
    private int[] slotByDenseId = new int[MIN_DENSE_IDS];

    public Traders(final int initialCapacity) {
        accountId = new long[initialCapacity];
        data = new long[initialCapacity * STRIDE];
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
            data = Arrays.copyOf(data, capacity * STRIDE);
        }
        final int slot = count++;
        accountId[slot] = id;
        final int base = slot * STRIDE;
        data[base + EXPOSURE_LIMIT] = 0;
        data[base + EXPOSURE_USED] = 0;
        data[base + CLIENT_ORDER_ID_CEILING] = Long.MIN_VALUE;
        data[base + ORDER_HEAD_TAIL] = pack(OrderPool.NIL, OrderPool.NIL);
        data[base + QUOTE_ASSET_AVAILABLE] = pack(-1, -1);
        data[base + HOLD_PROCEEDS_ASSET] = pack(-1, -1);
        data[base + PROCEEDS_LISTING_INSTRUMENT] = pack(-1, -1);
        data[base + LISTING_SLOT] = pack(-1, 0);
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

    private static long pack(final int lowInt, final int highInt) {
        return (lowInt & LOW) | ((long) highInt << 32);
    }

    private int low(final int slot, final int field) {
        return (int) data[slot * STRIDE + field];
    }

    private int high(final int slot, final int field) {
        return (int) (data[slot * STRIDE + field] >>> 32);
    }

    private void low(final int slot, final int field, final int value) {
        final int at = slot * STRIDE + field;
        data[at] = (data[at] & ~LOW) | (value & LOW);
    }

    private void high(final int slot, final int field, final int value) {
        final int at = slot * STRIDE + field;
        data[at] = (data[at] & LOW) | ((long) value << 32);
    }

    /** Most a seller's exposure (open sells at their price plus unsettled sales, gross notional) may reach. */
    public long exposureLimit(final int slot) {
        return data[slot * STRIDE + EXPOSURE_LIMIT];
    }

    public void exposureLimit(final int slot, final long value) {
        data[slot * STRIDE + EXPOSURE_LIMIT] = value;
    }

    public long exposureUsed(final int slot) {
        return data[slot * STRIDE + EXPOSURE_USED];
    }

    public void exposureUsed(final int slot, final long value) {
        data[slot * STRIDE + EXPOSURE_USED] = value;
    }

    public void addExposureUsed(final int slot, final long delta) {
        data[slot * STRIDE + EXPOSURE_USED] += delta;
    }

    /**
     * The largest client order id the trader has used (Long.MIN_VALUE: none), so a place with a
     * larger one (clients usually count up) skips the lookup in the client order id index. Derived
     * from the client order ids (rebuilt on restore), not written to the snapshot.
     */
    public long clientOrderIdCeiling(final int slot) {
        return data[slot * STRIDE + CLIENT_ORDER_ID_CEILING];
    }

    public void clientOrderIdCeiling(final int slot, final long value) {
        data[slot * STRIDE + CLIENT_ORDER_ID_CEILING] = value;
    }

    /** First order of the account's open-order list (placement order), or NIL. */
    public int orderHead(final int slot) {
        return low(slot, ORDER_HEAD_TAIL);
    }

    public void orderHead(final int slot, final int value) {
        low(slot, ORDER_HEAD_TAIL, value);
    }

    public int orderTail(final int slot) {
        return high(slot, ORDER_HEAD_TAIL);
    }

    public void orderTail(final int slot, final int value) {
        high(slot, ORDER_HEAD_TAIL, value);
    }

    /*
     * Caches (not state, not in the snapshot; -1 when empty; ledger and listing slots are never reused):
     * the quote asset of the trader's last buy with its AVAILABLE and HOLD ledger slots, the asset and
     * AVAILABLE slot its last sale was paid into, the instrument and listing slot its last sell used.
     */

    public int cachedQuoteAssetId(final int slot) {
        return low(slot, QUOTE_ASSET_AVAILABLE);
    }

    public void cachedQuoteAssetId(final int slot, final int value) {
        low(slot, QUOTE_ASSET_AVAILABLE, value);
    }

    public int cachedAvailableSlot(final int slot) {
        return high(slot, QUOTE_ASSET_AVAILABLE);
    }

    public void cachedAvailableSlot(final int slot, final int value) {
        high(slot, QUOTE_ASSET_AVAILABLE, value);
    }

    public int cachedHoldSlot(final int slot) {
        return low(slot, HOLD_PROCEEDS_ASSET);
    }

    public void cachedHoldSlot(final int slot, final int value) {
        low(slot, HOLD_PROCEEDS_ASSET, value);
    }

    public int cachedProceedsAssetId(final int slot) {
        return high(slot, HOLD_PROCEEDS_ASSET);
    }

    public void cachedProceedsAssetId(final int slot, final int value) {
        high(slot, HOLD_PROCEEDS_ASSET, value);
    }

    public int cachedProceedsSlot(final int slot) {
        return low(slot, PROCEEDS_LISTING_INSTRUMENT);
    }

    public void cachedProceedsSlot(final int slot, final int value) {
        low(slot, PROCEEDS_LISTING_INSTRUMENT, value);
    }

    public int cachedListingInstrumentId(final int slot) {
        return high(slot, PROCEEDS_LISTING_INSTRUMENT);
    }

    public void cachedListingInstrumentId(final int slot, final int value) {
        high(slot, PROCEEDS_LISTING_INSTRUMENT, value);
    }

    public int cachedListingSlot(final int slot) {
        return low(slot, LISTING_SLOT);
    }

    public void cachedListingSlot(final int slot, final int value) {
        low(slot, LISTING_SLOT, value);
    }
}
