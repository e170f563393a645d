package space.tokenta.reputation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic weighted sampling without replacement, weight = stake × trust (Efraimidis–Spirakis:
 * each candidate draws u in (0,1) and the largest u^(1/w) win). The same seed and candidates always
 * give the same panel; a zero weight is never chosen.
 */
public final class AttestorSelection
{
    public static final int MAX_CANDIDATES = 10_000;

    /** An attestor that may be chosen. */
    public record Candidate(String id, double stake, double trust)
    {
        public Candidate
        {
            if (!(stake >= 0) || !(trust >= 0) || trust > 1)
            {
                throw new IllegalArgumentException("stake >= 0 and trust in [0, 1]");
            }
        }

        public double weight()
        {
            return stake * trust;
        }
    }

    private AttestorSelection()
    {
    }

    public static List<String> select(final List<Candidate> candidates, final int count, final long seed)
    {
        if (candidates.size() > MAX_CANDIDATES || count < 0)
        {
            throw new IllegalArgumentException("at most " + MAX_CANDIDATES + " candidates and count >= 0");
        }
        // Sort by id first so the draw does not depend on the caller's order.
        final List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::id));
        final SplittableRandom random = new SplittableRandom(seed);
        final List<double[]> keyed = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++)
        {
            final double u = random.nextDouble(Double.MIN_NORMAL, 1.0);
            final double w = sorted.get(i).weight();
            if (w > 0)
            {
                keyed.add(new double[] {Math.log(u) / w, i});
            }
        }
        keyed.sort((a, b) -> Double.compare(b[0], a[0]));
        final List<String> out = new ArrayList<>(Math.min(count, keyed.size()));
        for (int i = 0; i < Math.min(count, keyed.size()); i++)
        {
            out.add(sorted.get((int)keyed.get(i)[1]).id());
        }
        return out;
    }
}
