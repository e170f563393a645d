package space.tokenta.gateway.book;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.event.Event;
import space.tokenta.gateway.port.ReadModels.BookSnapshot;
import space.tokenta.gateway.port.ReadModels.Level;

/**
 * One instrument's aggregated price levels, folded from the event stream's book-level events (each
 * carries a level's new total; a count of 0 removes it). Not thread-safe: the owner synchronizes.
 */
public final class L2Book {
    private final TreeMap<Long, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Level> asks = new TreeMap<>();
    private long sequence;

    /** Applies one level change seen at stream position {@code streamSequence}. */
    public void apply(final Event.BookLevel e, final long streamSequence) {
        final TreeMap<Long, Level> side = e.side() == Side.BUY ? bids : asks;
        if (e.orderCount() == 0) {
            side.remove(e.priceTicks());
        } else {
            side.put(e.priceTicks(), new Level(e.priceTicks(), e.totalQuantityLots(), e.orderCount()));
        }
        sequence = streamSequence;
    }

    /** The best {@code depth} levels a side, best first. */
    public BookSnapshot snapshot(final int instrumentId, final int depth) {
        return new BookSnapshot(instrumentId, sequence, top(bids, depth), top(asks, depth));
    }

    public static BookSnapshot empty(final int instrumentId) {
        return new BookSnapshot(instrumentId, 0, List.of(), List.of());
    }

    private static List<Level> top(final TreeMap<Long, Level> side, final int depth) {
        final List<Level> levels = new ArrayList<>(Math.min(depth, side.size()));
        final Iterator<Level> it = side.values().iterator();
        while (it.hasNext() && levels.size() < depth) {
            levels.add(it.next());
        }
        return levels;
    }
}
