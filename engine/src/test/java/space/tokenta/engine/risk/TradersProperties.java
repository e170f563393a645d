package space.tokenta.engine.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Traders.find (direct index for small ids, hash map beyond) behaves like a HashMap of account id to
 * slot: dense ids from 1, sparse ids, ids arriving out of order so the direct index grows past ids
 * first held by the map only.
 */
class TradersProperties {

    @Property(tries = 60)
    void findBehavesLikeAHashMap(@ForAll final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Traders traders = new Traders(1 + random.nextInt(64));
        final Map<Long, Integer> model = new HashMap<>();
        final int mode = random.nextInt(3);
        long nextDense = 1;
        for (int i = 0; i < 3_000; i++) {
            final long id = switch (mode) {
                case 0 -> nextDense++;
                case 1 -> 1 + random.nextLong(1L << 40);
                default -> random.nextInt(4) == 0 ? 1 + random.nextLong(1L << 20) : 1 + random.nextInt(3 * (i + 1));
            };
            if (random.nextInt(3) > 0 && !model.containsKey(id)) {
                model.put(id, traders.add(id));
            }
            final long probe = random.nextBoolean() ? id : 1 + random.nextLong(1L << 21);
            assertEquals(model.getOrDefault(probe, -1), traders.find(probe));
        }
        assertEquals(model.size(), traders.count());
        for (final Map.Entry<Long, Integer> entry : model.entrySet()) {
            assertEquals(entry.getValue(), traders.find(entry.getKey()));
            assertEquals(entry.getKey(), traders.accountId[entry.getValue()]);
        }
    }
}
