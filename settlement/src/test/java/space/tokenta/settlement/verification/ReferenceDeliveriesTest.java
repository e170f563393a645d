package space.tokenta.settlement.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Who cheats: a cheating seller turns about one in n of its otherwise honest deals into cheating ones,
 * the same deal always the same way; other sellers and instruments that never deliver are untouched.
 */
class ReferenceDeliveriesTest {
    static final long HONEST_SELLER = 2;
    static final long CHEATER = 4;
    static final int DEALS = 3_000;

    static ReferenceDeliveries deliveries(final long seed, final int oneIn) {
        return new ReferenceDeliveries(null, Map.of(), Map.of(9, ReferenceDeliveries.Behaviour.NOTHING),
                ReferenceDeliveries.Behaviour.HONEST, Map.of(CHEATER, new ReferenceDeliveries.CheatingSeller(CHEATER, seed, oneIn)));
    }

    @Property(tries = 20)
    void aCheatingSellerCheatsOnAboutOneInNDealsAndNobodyElseDoes(@ForAll final long seed,
            @ForAll @IntRange(min = 1, max = 6) final int oneIn) {
        final ReferenceDeliveries d = deliveries(seed, oneIn);
        final SplittableRandom random = new SplittableRandom(seed);
        int cheated = 0;
        for (int i = 0; i < DEALS; i++) {
            final byte[] deal = new byte[32];
            random.nextBytes(deal);
            final ReferenceDeliveries.Behaviour b = d.behaviour(1, CHEATER, deal);
            assertEquals(b, d.behaviour(1, CHEATER, deal.clone()), "one deal, one behaviour");
            cheated += b == ReferenceDeliveries.Behaviour.TAMPERED ? 1 : 0;
            assertEquals(ReferenceDeliveries.Behaviour.HONEST, d.behaviour(1, HONEST_SELLER, deal));
            assertEquals(ReferenceDeliveries.Behaviour.NOTHING, d.behaviour(9, CHEATER, deal));
        }
        // binomial(3000, 1/n): 5 standard deviations either side
        final double expected = DEALS / (double) oneIn;
        final double sd = Math.sqrt(DEALS * (1.0 / oneIn) * (1 - 1.0 / oneIn));
        assertTrue(Math.abs(cheated - expected) <= 5 * sd + 1e-9, cheated + " cheating deals, expected " + expected);
    }

    @Test
    void aCheatingFractionOutsideItsBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceDeliveries.CheatingSeller(CHEATER, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceDeliveries.CheatingSeller(CHEATER, 1, 1_001));
        assertThrows(IllegalArgumentException.class,
                () -> new ReferenceDeliveries.Instrument(space.tokenta.verify.pipeline.AssetClass.DATASET, " "));
    }
}
