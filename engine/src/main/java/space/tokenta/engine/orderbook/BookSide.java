package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * One side of a book: its price levels in a sorted array with the best price at the END, so the
 * levels that change most (near the touch) move the fewest elements on insert and remove.
 * Bids are kept ascending, asks descending. No allocation except growth.
 *
 * <p>Lookup by price goes through a direct price ring first: cell {@code price & ringMask} holds the
 * price and level of one present level whose price maps there (prices of a book are consecutive
 * ticks, so the levels near each other never share a cell while the book spans fewer ticks than the
 * ring has cells). A level whose cell another level holds is found by binary search in the sorted
 * array. {@link #ringCount} counts the levels held by the ring: when it equals {@link #size()}, a ring
 * miss means the price has no level, without a search. The ring has at least twice as many cells as
 * there are levels (it doubles with the level count). A cell is two adjacent longs (price, level
 * slot + 1), so a lookup reads one cache line.
 */
public final class BookSide {
    private static final int MIN_RING_CELLS = 64;

    private final boolean bids;
    private long[] prices;
    private int[] levels;
    private int size;
    /** Cell {@code c}: the price at {@code 2c} and the level slot + 1 at {@code 2c + 1} (0 = empty). */
    private long[] ring;
    private int ringMask;
    private int ringCount;

    public BookSide(final boolean bids, final int initialCapacity) {
        this.bids = bids;
        prices = new long[initialCapacity];
        levels = new int[initialCapacity];
        final int cells = Math.max(MIN_RING_CELLS, Integer.highestOneBit(Math.max(1, initialCapacity) * 2 - 1));
        ring = new long[cells * 2];
        ringMask = cells - 1;
    }

    public boolean isBids() {
        return bids;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** @return the level slot at depth {@code depth} (0 = best). */
    public int levelAtDepth(final int depth) {
        return levels[size - 1 - depth];
    }

    public long priceAtDepth(final int depth) {
        return prices[size - 1 - depth];
    }

    public int bestLevel() {
        return levels[size - 1];
    }

    public long bestPrice() {
        return prices[size - 1];
    }

    /** @return true when {@code a} is a better price than {@code b} on this side. */
    public boolean better(final long a, final long b) {
        return bids ? a > b : a < b;
    }

    /** Index of {@code price} in the array, or {@code -(insertionPoint + 1)}. */
    private int indexOf(final long price) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
            if (midPrice == price) {
                return mid;
            }
            // ascending for bids, descending for asks
            if (bids ? midPrice < price : midPrice > price) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }

    /** @return the level slot at {@code price}, or {@link OrderPool#NIL}. */
    public int find(final long price) {
        final int at = ((int) price & ringMask) << 1;
        final int level = (int) ring[at + 1] - 1;
        if (level >= 0 && ring[at] == price) {
            return level;
        }
        if (ringCount == size) {
            return OrderPool.NIL;
        }
        final int index = indexOf(price);
        return index >= 0 ? levels[index] : OrderPool.NIL;
    }

    /** Inserts a level for a price that is not present. */
    public void insert(final long price, final int level) {
        final int index = indexOf(price);
        if (index >= 0) {
            throw new IllegalStateException("level exists at " + price);
        }
        final int at = -(index + 1);
        if (size == prices.length) {
            prices = Arrays.copyOf(prices, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(prices, at, prices, at + 1, size - at);
        System.arraycopy(levels, at, levels, at + 1, size - at);
        prices[at] = price;
        levels[at] = level;
        size++;
        if (size * 2 > ringMask + 1) {
            rebuildRing((ringMask + 1) * 2);
        } else {
            ringPut(price, level);
        }
    }

    /** Removes the level at {@code price}, which must be present. */
    public void remove(final long price) {
        final int index = size > 0 && prices[size - 1] == price ? size - 1 : indexOf(price);
        if (index < 0) {
            throw new IllegalStateException("no level at " + price);
        }
        System.arraycopy(prices, index + 1, prices, index, size - index - 1);
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        size--;
        final int at = ((int) price & ringMask) << 1;
        if (ring[at + 1] != 0 && ring[at] == price) {
            ring[at + 1] = 0;
            ringCount--;
        }
    }

    private void ringPut(final long price, final int level) {
        final int at = ((int) price & ringMask) << 1;
        if (ring[at + 1] == 0) {
            ring[at] = price;
            ring[at + 1] = level + 1L;
            ringCount++;
        }
    }

    /** A ring of {@code cells} cells holding the levels best first (the touch wins a shared cell). */
    private void rebuildRing(final int cells) {
        ring = new long[cells * 2];
        ringMask = cells - 1;
        ringCount = 0;
        for (int i = size - 1; i >= 0; i--) {
            ringPut(prices[i], levels[i]);
        }
    }
}
