package space.tokenta.engine.orderbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * BookSide (sorted level array plus price ring) behaves like a sorted map of price to level, best
 * price first, while levels are inserted and removed: prices near one another (all in the ring),
 * prices spread far wider than the ring (cells shared, found by search), and through ring growth.
 */
class BookSideProperties {

    @Property(tries = 60)
    void behavesLikeASortedMap(@ForAll final long seed, @ForAll final boolean bids) {
        final SplittableRandom random = new SplittableRandom(seed);
        final BookSide side = new BookSide(bids, 1 + random.nextInt(8));
        final TreeMap<Long, Integer> model = new TreeMap<>(bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        final long centre = 1 + random.nextLong(1L << 40);
        final long spread = random.nextBoolean() ? 1 + random.nextInt(200) : 1 + random.nextInt(1 << 20);
        final int target = 1 + random.nextInt(300);
        int nextLevel = 0;
        for (int i = 0; i < 5_000; i++) {
            final long price = centre + random.nextLong(spread);
            final Integer expected = model.get(price);
            final int op = random.nextInt(3);
            if (op == 0 && expected == null && model.size() < target) {
                final int level = nextLevel++;
                side.insert(price, level);
                model.put(price, level);
            } else if (op == 0 && expected != null) {
                assertThrows(IllegalStateException.class, () -> side.insert(price, 0));
            } else if (op == 1 && expected != null) {
                side.remove(price);
                model.remove(price);
            } else if (op == 1) {
                assertThrows(IllegalStateException.class, () -> side.remove(price));
            } else {
                assertEquals(expected == null ? OrderPool.NIL : expected, side.find(price));
            }
            assertEquals(model.size(), side.size());
            if (!model.isEmpty()) {
                assertEquals(model.firstKey(), side.bestPrice());
                assertEquals(model.firstEntry().getValue(), side.bestLevel());
            }
        }
        int depth = 0;
        for (final Map.Entry<Long, Integer> entry : model.entrySet()) {
            assertEquals(entry.getKey(), side.priceAtDepth(depth));
            assertEquals(entry.getValue(), side.levelAtDepth(depth));
            assertEquals(entry.getValue(), side.find(entry.getKey()));
            depth++;
        }
    }
}
