package space.tokenta.reputation;

/**
 * A seller's exposure limit = k · bond · score (score = the reputation lower bound L in [0, 1]), in
 * the bond's units, rounded down. The engine's risk check receives it as a SET_EXPOSURE_LIMIT command.
 */
public final class ExposureLimit
{
    private ExposureLimit()
    {
    }

    public static long limitUnits(final long bondUnits, final double k, final double score)
    {
        if (bondUnits < 0 || !(k >= 0) || Double.isInfinite(k) || !(score >= 0 && score <= 1))
        {
            throw new ReputationException("bond >= 0, finite k >= 0, score in [0, 1]");
        }
        final double limit = Math.floor(k * (double)bondUnits * score);
        if (limit >= (double)Long.MAX_VALUE)
        {
            throw new ReputationException("exposure limit overflows");
        }
        return (long)limit;
    }
}
