package space.tokenta.reputation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SellerReputationProperties
{
    private static final ReputationParams P = ReputationParams.DEFAULTS;

    record Step(int buyer, double notional, DealOutcome.Kind kind, int slaBps, long dtSeconds)
    {
    }

    @Provide
    Arbitrary<List<Step>> steps()
    {
        final Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1e7),
            Arbitraries.of(DealOutcome.Kind.class), Arbitraries.integers().between(0, 10_000),
            Arbitraries.longs().between(0, 200 * 86_400L)).as(Step::new);
        return step.list().ofMaxSize(60);
    }

    private static SellerReputation book()
    {
        final BuyerTrust trust = new BuyerTrust(P.tauMin(), Set.of("b0"));
        trust.vouch("b0", "b1", 1);
        trust.recompute();
        return new SellerReputation(P, trust);
    }

    @Property(tries = 300)
    void scoreStaysInUnitIntervalAndLowerBoundBelowMean(@ForAll("steps") final List<Step> steps)
    {
        final SellerReputation book = book();
        long t = 0;
        for (final Step step : steps)
        {
            t += step.dtSeconds();
            final SellerScore score = book.apply(new DealOutcome("seller", "b" + step.buyer(), step.notional(), step.kind(), step.slaBps(), t));
            assertTrue(score.expected() >= 0 && score.expected() <= 1, score.toString());
            assertTrue(score.lowerBound() >= 0 && score.lowerBound() <= score.expected(), score.toString());
            assertTrue(score.r() >= 0 && score.s() >= 0);
        }
    }

    @Property(tries = 100)
    void replayingTheSameEventsGivesTheSameScores(@ForAll("steps") final List<Step> steps)
    {
        final SellerReputation first = book();
        final SellerReputation second = book();
        long t = 0;
        for (final Step step : steps)
        {
            t += step.dtSeconds();
            final DealOutcome deal = new DealOutcome("seller", "b" + step.buyer(), step.notional(), step.kind(), step.slaBps(), t);
            assertEquals(first.apply(deal), second.apply(deal));
        }
        assertEquals(first.score("seller", t + 1_000), second.score("seller", t + 1_000));
    }

    @Property(tries = 300)
    void oneCounterpartyNeverContributesMoreThanC(@ForAll @Size(max = 500) final List<@DoubleRange(min = 0, max = 1e9) Double> notionals)
    {
        double wp = 0;
        double total = 0;
        for (final double notional : notionals)
        {
            final double w = SellerReputation.dealWeight(notional, P);
            assertTrue(w >= 0 && w <= P.maxDealWeight());
            total += SellerReputation.saturated(wp, w, P.saturation());
            wp += w;
        }
        assertTrue(total <= P.saturation() + 1e-9, "total " + total);
        // telescoping: the sum equals C·(1 − e^(−W/C)) exactly
        assertEquals(P.saturation() * (1 - Math.exp(-wp / P.saturation())), total, 1e-9);
    }

    @Property(tries = 100)
    void evidenceHalvesEveryHalfLife(@ForAll @DoubleRange(min = 1, max = 1e6) final double notional)
    {
        final SellerReputation book = book();
        final long t0 = 1_000_000;
        final SellerScore at0 = book.apply(new DealOutcome("seller", "b1", notional, DealOutcome.Kind.PASS, 8_000, t0));
        final long h = (long)P.halfLifeSeconds();
        final SellerScore atH = book.score("seller", t0 + h);
        final SellerScore at2H = book.score("seller", t0 + 2 * h);
        assertEquals(at0.r() / 2, atH.r(), 1e-12);
        assertEquals(at0.s() / 2, atH.s(), 1e-12);
        assertEquals(at0.r() / 4, at2H.r(), 1e-12);
        // with the evidence gone, the score returns towards the prior a0/(a0+b0)
        final SellerScore late = book.score("seller", t0 + 40 * h);
        assertEquals(P.priorPass() / (P.priorPass() + P.priorFail()), late.expected(), 1e-9);
    }

    @Test
    void startingFormulasByHand()
    {
        // b1 is the only pre-trusted account: t(b1) = 1 = median, so τ(b1) = 1
        final BuyerTrust trust = new BuyerTrust(P.tauMin(), Set.of("b1"));
        trust.recompute();
        assertEquals(1.0, trust.tau("b1"), 1e-12);
        final SellerReputation book = new SellerReputation(P, trust);
        // notional 100·(e−1) gives w = 1; first deal with this buyer: w' = 5(1 − e^(−1/5))
        final double notional = 100 * (Math.E - 1);
        final SellerScore score = book.apply(new DealOutcome("seller", "b1", notional, DealOutcome.Kind.PASS, 10_000, 0));
        final double w2 = 5 * (1 - Math.exp(-0.2));
        assertEquals(w2, score.r(), 1e-12);
        assertEquals(0, score.s(), 1e-12);
        final double e = (w2 + 2) / (w2 + 4);
        assertEquals(e, score.expected(), 1e-12);
        assertEquals(e - 1.645 * Math.sqrt(e * (1 - e) / (w2 + 1)), score.lowerBound(), 1e-12);
        // a FAIL from a new (unscored) buyer at τ_min: s += 3·w'·0.3
        final SellerScore failed = book.apply(new DealOutcome("seller", "new-buyer", notional, DealOutcome.Kind.FAIL, 0, 0));
        assertEquals(3 * w2 * 0.3, failed.s(), 1e-12);
    }

    @Test
    void outOfOrderEventsAreRefusedAndChangeNothing()
    {
        final SellerReputation book = book();
        final SellerScore before = book.apply(new DealOutcome("seller", "b1", 500, DealOutcome.Kind.PASS, 10_000, 100));
        assertThrows(ReputationException.class,
            () -> book.apply(new DealOutcome("seller", "b1", 500, DealOutcome.Kind.FAIL, 0, 99)));
        assertEquals(before, book.score("seller", 100));
        assertThrows(ReputationException.class, () -> new DealOutcome("x", "x", 1, DealOutcome.Kind.PASS, 0, 0));
    }
}
