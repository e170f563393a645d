package space.tokenta.engine.orderbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * OrderIdIndex (direct ring plus hash table) behaves like a HashMap of open order id to slot while
 * orders are allocated, indexed, looked up, removed and their slots reused, through growth from its
 * smallest size.
 */
class OrderIdIndexProperties {

    @Property(tries = 40)
    void behavesLikeAHashMap(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderPool orders = new OrderPool(16);
        final OrderIdIndex index = new OrderIdIndex(orders, 16);
        final Map<Long, Integer> model = new HashMap<>();
        final long idRange = 1 + random.nextInt(3_000);
        for (int i = 0; i < 6_000; i++) {
            final long orderId = random.nextBoolean() ? 1 + random.nextLong(idRange) : random.nextLong();
            final Integer expected = model.get(orderId);
            final int op = random.nextInt(3);
            if (op == 0 && expected == null) {
                final int slot = orders.allocate();
                orders.orderId(slot, orderId);
                index.put(orderId, slot);
                model.put(orderId, slot);
            } else if (op == 1) {
                assertEquals(expected == null ? OrderIdIndex.MISSING : expected, index.remove(orderId));
                if (expected != null) {
                    model.remove(orderId);
                    orders.free(expected);
                }
            } else {
                assertEquals(expected == null ? OrderIdIndex.MISSING : expected, index.get(orderId));
            }
            assertEquals(model.size(), index.size());
        }
        for (final Map.Entry<Long, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), index.get(entry.getKey()));
        }
    }

    /**
     * Sequencer-assigned ids (increasing, dense) with some orders living far longer than the ring is
     * wide, so ring cells collide and ids move between the ring and the hash table as cells free up.
     */
    @Property(tries = 40)
    void denseIncreasingIdsBehaveLikeAHashMap(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderPool orders = new OrderPool(16);
        final int ringBuckets = 16 << random.nextInt(4);
        final OrderIdIndex index = new OrderIdIndex(orders, ringBuckets, 16 << random.nextInt(3));
        final Map<Long, Integer> model = new HashMap<>();
        final List<Long> open = new ArrayList<>();
        long nextId = 1 + random.nextInt(1_000);
        for (int i = 0; i < 8_000; i++) {
            final int op = random.nextInt(10);
            if (op < 4 || open.isEmpty()) {
                final long orderId = nextId;
                nextId += 1 + (random.nextInt(8) == 0 ? random.nextInt(3 * ringBuckets) : 0);
                assertEquals(OrderIdIndex.MISSING, index.get(orderId));
                final int slot = orders.allocate();
                orders.orderId(slot, orderId);
                index.put(orderId, slot);
                model.put(orderId, slot);
                open.add(orderId);
            } else if (op < 7) {
                // mostly recent orders close; the oldest ones stay open for long
                final int at = open.size() - 1 - random.nextInt(Math.min(open.size(), 1 + ringBuckets / 2));
                final long orderId = open.remove(at);
                final int slot = model.remove(orderId);
                assertEquals(slot, index.remove(orderId));
                assertEquals(OrderIdIndex.MISSING, index.remove(orderId));
                orders.free(slot);
            } else {
                final long orderId = random.nextBoolean() && !open.isEmpty() ? open.get(random.nextInt(open.size()))
                        : 1 + random.nextLong(nextId + ringBuckets);
                final Integer expected = model.get(orderId);
                assertEquals(expected == null ? OrderIdIndex.MISSING : expected, index.get(orderId));
            }
            assertEquals(model.size(), index.size());
        }
        for (final Map.Entry<Long, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), index.get(entry.getKey()));
        }
    }
}
