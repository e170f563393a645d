package space.tokenta.reputation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attestors' stake and trust T. Per verdict round: the consensus verdict is the stake-weighted
 * majority (a tie counts as FAIL), the consensus score the stake-weighted median of the consensus
 * side's scores; agreement a = [verdict = consensus]·max(0, 1 − |score − median|/50 bps) and
 * T ← 0.9·T + 0.1·a. Equivocation slashes 100% of stake and zeroes T; an overturned PASS slashes
 * σ of stake and halves T. Selection is ∝ stake × T, deterministic for a seed.
 */
public final class AttestorReputation
{
    public static final double INITIAL_TRUST = 0.5;
    public static final double EMA_KEEP = 0.9;
    public static final double SCORE_TOLERANCE_BPS = 50;
    public static final int MAX_ATTESTORS = 100_000;

    /** One attestor's vote in a round. */
    public record Vote(String attestor, boolean pass, int scoreBps)
    {
    }

    /** Stake (in units), trust T in [0, 1], and whether it was slashed for equivocation. */
    public record Standing(double stake, double trust, boolean equivocated)
    {
    }

    private final Map<String, Standing> attestors = new TreeMap<>();

    public void register(final String attestor, final double stake)
    {
        if (!(stake >= 0) || Double.isInfinite(stake) || attestors.containsKey(attestor) || attestors.size() >= MAX_ATTESTORS)
        {
            throw new ReputationException("register a new attestor with finite stake >= 0");
        }
        attestors.put(attestor, new Standing(stake, INITIAL_TRUST, false));
    }

    public Standing standing(final String attestor)
    {
        final Standing standing = attestors.get(attestor);
        if (standing == null)
        {
            throw new ReputationException("unknown attestor " + attestor);
        }
        return standing;
    }

    /** Updates every voter's T from one verdict round; returns the consensus verdict (true = PASS). */
    public boolean recordRound(final List<Vote> votes)
    {
        if (votes.isEmpty())
        {
            throw new ReputationException("a round needs votes");
        }
        votes.forEach(v -> standing(v.attestor()));
        double passStake = 0;
        double failStake = 0;
        for (final Vote v : votes)
        {
            if (v.pass())
            {
                passStake += standing(v.attestor()).stake();
            }
            else
            {
                failStake += standing(v.attestor()).stake();
            }
        }
        final boolean consensus = passStake > failStake;
        final double median = weightedMedian(votes.stream().filter(v -> v.pass() == consensus).toList());
        for (final Vote v : votes)
        {
            final Standing s = standing(v.attestor());
            final double a = v.pass() != consensus ? 0 : Math.max(0, 1 - Math.abs(v.scoreBps() - median) / SCORE_TOLERANCE_BPS);
            attestors.put(v.attestor(), new Standing(s.stake(), EMA_KEEP * s.trust() + (1 - EMA_KEEP) * a, s.equivocated()));
        }
        return consensus;
    }

    private double weightedMedian(final List<Vote> votes)
    {
        final List<Vote> sorted = new ArrayList<>(votes);
        sorted.sort(Comparator.comparingInt(Vote::scoreBps).thenComparing(Vote::attestor));
        double total = 0;
        for (final Vote v : sorted)
        {
            total += standing(v.attestor()).stake();
        }
        if (total <= 0)
        {
            return sorted.get(sorted.size() / 2).scoreBps();
        }
        double running = 0;
        for (final Vote v : sorted)
        {
            running += standing(v.attestor()).stake();
            if (running >= total / 2)
            {
                return v.scoreBps();
            }
        }
        return sorted.get(sorted.size() - 1).scoreBps();
    }

    public void slashEquivocation(final String attestor)
    {
        standing(attestor);
        attestors.put(attestor, new Standing(0, 0, true));
    }

    public void slashOverturnedPass(final String attestor, final double sigma)
    {
        if (!(sigma >= 0 && sigma <= 1))
        {
            throw new ReputationException("sigma in [0, 1]");
        }
        final Standing s = standing(attestor);
        attestors.put(attestor, new Standing(s.stake() * (1 - sigma), s.trust() / 2, s.equivocated()));
    }

    /** Audit probability p ≥ G / (σ·stake + forfeited rewards): lying for gain G is then unprofitable in expectation. */
    public static double auditProbability(final double gain, final double sigma, final double stake, final double forfeitedRewards)
    {
        final double atRisk = sigma * stake + forfeitedRewards;
        if (!(gain >= 0) || !(atRisk >= 0))
        {
            throw new ReputationException("gain and amount at risk must be >= 0");
        }
        return atRisk == 0 ? 1 : Math.min(1, gain / atRisk);
    }

    public List<String> select(final int count, final long seed)
    {
        final List<AttestorSelection.Candidate> candidates = new ArrayList<>();
        attestors.forEach((id, s) -> candidates.add(new AttestorSelection.Candidate(id, s.stake(), s.trust())));
        return AttestorSelection.select(candidates, count, seed);
    }
}
