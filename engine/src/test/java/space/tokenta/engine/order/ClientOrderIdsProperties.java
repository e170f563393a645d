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
 * across run moves and index growth (from its small initial size to many thousand entries), with keys
 * that share accounts and share client ids, ids counting up per account (runs) mixed with ids below
 * the account's highest (the out-of-order index), and the entry's fields read back as written.
 */
class ClientOrderIdsProperties {

    @Property(tries = 30)
    void findsExactlyWhatWasAdded(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final ClientOrderIds ids = new ClientOrderIds(16);
        final Map<List<Long>, Integer> model = new HashMap<>();
        final int accounts = 1 + random.nextInt(50);
        final long[] ceiling = new long[accounts];
        final int countingUpPct = random.nextInt(101);
        final int operations = 3_000 + random.nextInt(12_000);
        for (int i = 0; i < operations; i++) {
            final int trader = random.nextInt(accounts);
            final long account = 1_000 + trader;
            final long clientId;
            final int roll = random.nextInt(100);
            if (roll < countingUpPct) {
                clientId = ceiling[trader] + 1 + random.nextInt(3);
            } else if (roll % 2 == 0) {
                clientId = random.nextInt(400);
            } else {
                clientId = random.nextLong();
            }
            final Integer expected = model.get(List.of(account, clientId));
            assertEquals(expected == null ? -1 : expected, ids.find(trader, account, clientId));
            if (expected == null && clientId != 0 && random.nextInt(4) != 0) {
                final long orderId = random.nextLong();
                final boolean ascending = clientId > ceiling[trader];
                ids.add(trader, ascending, account, clientId, orderId, 7 + trader, i, i % 3);
                if (ascending) {
                    ceiling[trader] = clientId;
                }
                final int entry = ids.count() - 1;
                model.put(List.of(account, clientId), entry);
                assertEquals(account, ids.accountId(entry));
                assertEquals(clientId, ids.clientOrderId(entry));
                assertEquals(orderId, ids.orderId(entry));
                assertEquals(7 + trader, ids.instrumentId(entry));
                assertEquals(i, ids.parametersHash(entry));
                assertEquals(i % 3, ids.outcome(entry));
            }
        }
        assertEquals(model.size(), ids.count());
        for (final Map.Entry<List<Long>, Integer> entry : model.entrySet()) {
            final long account = entry.getKey().get(0);
            assertEquals(entry.getValue(), ids.find((int) (account - 1_000), account, entry.getKey().get(1)));
        }
    }
}
