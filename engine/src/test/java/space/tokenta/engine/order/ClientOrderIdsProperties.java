package space.tokenta.engine.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * ClientOrderIds answers like a HashMap of (account, client order id) to the entry added for it,
 * across index growth (from its small initial size to many thousand entries), with keys that share
 * accounts and share client ids.
 */
class ClientOrderIdsProperties {

    @Property(tries = 30)
    void findsExactlyWhatWasAdded(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final ClientOrderIds ids = new ClientOrderIds(16);
        final Map<List<Long>, Integer> model = new HashMap<>();
        final int operations = 3_000 + random.nextInt(12_000);
        for (int i = 0; i < operations; i++) {
            final long account = random.nextInt(50);
            final long clientId = random.nextBoolean() ? random.nextInt(400) : random.nextLong();
            final Integer expected = model.get(List.of(account, clientId));
            assertEquals(expected == null ? -1 : expected, ids.find(account, clientId));
            if (expected == null && random.nextInt(4) != 0) {
                final long orderId = random.nextLong();
                ids.add(account, clientId, orderId, 7, i, i % 3);
                final int entry = ids.count() - 1;
                model.put(List.of(account, clientId), entry);
                assertEquals(account, ids.accountId[entry]);
                assertEquals(clientId, ids.clientOrderId[entry]);
                assertEquals(orderId, ids.orderId[entry]);
            }
        }
        assertEquals(model.size(), ids.count());
        for (final Map.Entry<List<Long>, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), ids.find(entry.getKey().get(0), entry.getKey().get(1)));
        }
    }
}
