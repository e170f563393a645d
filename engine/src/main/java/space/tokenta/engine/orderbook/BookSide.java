package space.tokenta.engine.orderbook;

import java.util.Arrays;

/**
 * One side of a book: its price levels in a sorted array with the best price at the END, so the
 * levels that change most (near the touch) move the fewest elements on insert and remove.
 * Bids are kept ascending, asks descending. Lookup is a binary search; no allocation except growth.
 */
public final class BookSide {
    private final boolean bids;
    private long[] prices;
    private int[] levels;
    private int size;

    public BookSide(final boolean bids, final int initialCapacity) {
        this.bids = bids;
        prices = new long[initialCapacity];
        levels = new int[initialCapacity];
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

    /** Index of {@code price} in the array, or {@code -(insertionPoint + 1)}. Scans from the top, where most hits are. */
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
    }
}
