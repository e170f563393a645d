package space.tokenta.reputation;

/**
 * A settled deal as the seller's reputation sees it.
 *
 * @param slaBps SLA attainment q in basis points (used for PASS)
 */
public record DealOutcome(String seller, String buyer, double notional, Kind kind, int slaBps, long timeSeconds)
{
    public enum Kind
    {
        PASS, FAIL, LOST_DISPUTE
    }

    public DealOutcome
    {
        if (seller.isEmpty() || buyer.isEmpty() || seller.equals(buyer))
        {
            throw new ReputationException("a deal needs two different parties");
        }
        if (!(notional >= 0) || Double.isInfinite(notional) || slaBps < 0 || slaBps > 10_000 || timeSeconds < 0)
        {
            throw new ReputationException("notional >= 0, slaBps in [0, 10000], time >= 0");
        }
    }
}
