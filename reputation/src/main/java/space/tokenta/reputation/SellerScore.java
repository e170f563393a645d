package space.tokenta.reputation;

/**
 * A seller's score at a moment: decayed Beta evidence r (good) and s (bad), the mean E with prior
 * (a0, b0), the evidence mass n = r + s, and the rank L = E − z·sqrt(E(1−E)/(n+1)), clamped at 0.
 */
public record SellerScore(double r, double s, double expected, double lowerBound)
{
    public static SellerScore of(final double r, final double s, final ReputationParams p)
    {
        final double e = (r + p.priorPass()) / (r + s + p.priorPass() + p.priorFail());
        final double n = r + s;
        final double l = Math.max(0, e - p.z() * Math.sqrt(e * (1 - e) / (n + 1)));
        return new SellerScore(r, s, e, l);
    }
}
