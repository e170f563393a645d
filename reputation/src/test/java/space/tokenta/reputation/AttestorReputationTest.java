package space.tokenta.reputation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AttestorReputationTest
{
    private static AttestorReputation fiveAttestors()
    {
        final AttestorReputation book = new AttestorReputation();
        for (int i = 1; i <= 5; i++)
        {
            book.register("N-0" + i, 100);
        }
        return book;
    }

    @Test
    void agreementMovesTrustByTheEma()
    {
        final AttestorReputation book = fiveAttestors();
        final boolean consensus = book.recordRound(List.of(
            new AttestorReputation.Vote("N-01", true, 9_960), new AttestorReputation.Vote("N-02", true, 9_960),
            new AttestorReputation.Vote("N-03", true, 9_935), new AttestorReputation.Vote("N-04", false, 0),
            new AttestorReputation.Vote("N-05", true, 9_500)));
        assertTrue(consensus);
        // stake-weighted median of the PASS side {9500, 9935, 9960, 9960} is 9935
        assertEquals(0.9 * 0.5 + 0.1 * (1 - 25 / 50.0), book.standing("N-01").trust(), 1e-12);
        assertEquals(0.9 * 0.5 + 0.1, book.standing("N-03").trust(), 1e-12);
        assertEquals(0.9 * 0.5, book.standing("N-04").trust(), 1e-12, "disagreeing verdict: a = 0");
        assertEquals(0.9 * 0.5, book.standing("N-05").trust(), 1e-12, "score 435 bps off: a = 0");
    }

    @Test
    void equivocationSlashesEverythingAndOverturnedPassSlashesSigma()
    {
        final AttestorReputation book = fiveAttestors();
        book.slashEquivocation("N-02");
        assertEquals(new AttestorReputation.Standing(0, 0, true), book.standing("N-02"));
        book.slashOverturnedPass("N-03", 0.2);
        assertEquals(80, book.standing("N-03").stake(), 1e-12);
        assertEquals(0.25, book.standing("N-03").trust(), 1e-12);
        for (long seed = 0; seed < 200; seed++)
        {
            assertFalse(book.select(4, seed).contains("N-02"), "a slashed attestor has no weight");
        }
    }

    @Property(tries = 50)
    void selectionIsDeterministicAndDistinct(@ForAll @LongRange(min = 0, max = 1_000_000) final long seed)
    {
        final AttestorReputation book = fiveAttestors();
        final List<String> panel = book.select(3, seed);
        assertEquals(panel, book.select(3, seed));
        assertEquals(3, panel.stream().distinct().count());
    }

    @Test
    void selectionFrequencyFollowsStakeTimesTrust()
    {
        final AttestorReputation book = new AttestorReputation();
        book.register("heavy", 300);
        book.register("light", 100);
        final Map<String, Integer> first = new HashMap<>();
        final int draws = 20_000;
        for (long seed = 0; seed < draws; seed++)
        {
            first.merge(book.select(1, seed).get(0), 1, Integer::sum);
        }
        // P(heavy first) = 300 / (300 + 100) = 0.75
        assertEquals(0.75, first.get("heavy") / (double)draws, 0.02);
    }

    @Test
    void auditProbabilityMakesLyingUnprofitable()
    {
        final double p = AttestorReputation.auditProbability(1_000, 0.5, 10_000, 1_000);
        assertEquals(1_000 / 6_000.0, p, 1e-12);
        // expected loss when audited equals the gain at that probability
        assertEquals(1_000, p * (0.5 * 10_000 + 1_000), 1e-9);
        assertEquals(1, AttestorReputation.auditProbability(1_000, 0, 0, 0));
    }

    @Test
    void exposureLimitIsKTimesBondTimesScore()
    {
        assertEquals(12_500, ExposureLimit.limitUnits(10_000, 2.5, 0.5));
        assertEquals(0, ExposureLimit.limitUnits(10_000, 2.5, 0));
        org.junit.jupiter.api.Assertions.assertThrows(ReputationException.class, () -> ExposureLimit.limitUnits(1, 1, 1.5));
    }
}
