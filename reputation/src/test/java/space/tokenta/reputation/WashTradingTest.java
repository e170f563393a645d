package space.tokenta.reputation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Wash trading: a seller trades with its own sybil buyers. Bound: one counterparty contributes at
 * most C to the seller's evidence over its whole history, scaled by its trust τ; a sybil nobody
 * trusted has τ ≤ τ_min (τ_min when unscored, ≈ 0 once EigenTrust runs). So m sybils add at most
 * m·C·τ_min = m·1.5 to r, however many deals and whatever notional they wash.
 */
class WashTradingTest
{
    private static final ReputationParams P = ReputationParams.DEFAULTS;

    @Test
    void thousandsOfWashDealsMoveTheScoreOnlyWithinTheBound()
    {
        final BuyerTrust trust = new BuyerTrust(P.tauMin(), Set.of("seed"));
        trust.vouch("seed", "real-buyer", 1);
        trust.recompute();
        final SellerReputation book = new SellerReputation(P, trust);
        final int sybils = 3;
        SellerScore score = book.score("wash-seller", 0);
        for (int deal = 0; deal < 3_000; deal++)
        {
            score = book.apply(new DealOutcome("wash-seller", "sybil-" + (deal % sybils), 1e9, DealOutcome.Kind.PASS, 10_000, deal));
        }
        final double bound = sybils * P.saturation() * P.tauMin();
        assertTrue(score.r() <= bound + 1e-9, "r " + score.r() + " exceeds m·C·τ_min " + bound);
        final double maxE = (P.priorPass() + bound) / (P.priorPass() + P.priorFail() + bound);
        assertTrue(score.expected() <= maxE + 1e-12);
        // The lower bound (rank) stays below what 20 real deals with 20 distinct trusted buyers give.
        final SellerReputation honestBook = new SellerReputation(P, trust);
        SellerScore honest = honestBook.score("honest-seller", 0);
        for (int deal = 0; deal < 20; deal++)
        {
            trust.vouch("seed", "buyer-" + deal, 1);
        }
        trust.recompute();
        for (int deal = 0; deal < 20; deal++)
        {
            honest = honestBook.apply(new DealOutcome("honest-seller", "buyer-" + deal, 1_000, DealOutcome.Kind.PASS, 10_000, deal));
        }
        assertTrue(score.lowerBound() < honest.lowerBound(), score + " vs " + honest);
    }

    @Test
    void eigenTrustGivesAnUnvouchedSybilRingAlmostNothing()
    {
        final BuyerTrust trust = new BuyerTrust(P.tauMin(), Set.of("seed-1", "seed-2"));
        trust.vouch("seed-1", "alice", 5);
        trust.vouch("seed-2", "bob", 5);
        trust.vouch("alice", "bob", 1);
        trust.vouch("bob", "alice", 1);
        // a ring of sybils vouching for each other heavily, with no trust flowing in
        for (int i = 0; i < 10; i++)
        {
            trust.vouch("sybil-" + i, "sybil-" + ((i + 1) % 10), 1_000);
        }
        trust.recompute();
        assertTrue(trust.tau("alice") > 0.9 && trust.tau("bob") > 0.9);
        for (int i = 0; i < 10; i++)
        {
            assertTrue(trust.tau("sybil-" + i) < 1e-6, "sybil " + i + " τ " + trust.tau("sybil-" + i));
        }
        assertTrue(trust.tau("never-seen") == P.tauMin());
    }
}
