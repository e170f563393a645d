package space.tokenta.engine.orderbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * OrderIdIndex behaves like a HashMap of open order id to slot while orders are allocated, indexed,
 * looked up, removed and their slots reused, through growth from its smallest size.
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
}
