package space.tokenta.reputation;

/**
 * The tunable constants of design section 9, with their starting values in {@link #DEFAULTS}.
 *
 * @param halfLifeSeconds     H: evidence halves every H seconds
 * @param saturation          C: the most evidence weight any one buyer can ever give one seller
 * @param tauMin              buyer trust of an account EigenTrust has not scored yet
 * @param priorPass           a0
 * @param priorFail           b0
 * @param z                   the lower-bound quantile (1.645: one-sided 95%)
 * @param maxDealWeight       cap of w = min(cap, ln(1 + notional/notionalScale))
 * @param notionalScale       notional units per unit of ln weight
 * @param failPenalty         FAIL adds failPenalty·w'' to s
 * @param lostDisputePenalty  a lost dispute adds lostDisputePenalty·w'' to s
 */
public record ReputationParams(
    double halfLifeSeconds, double saturation, double tauMin, double priorPass, double priorFail, double z,
    double maxDealWeight, double notionalScale, double failPenalty, double lostDisputePenalty)
{
    public static final double DAY_SECONDS = 86_400;
    public static final ReputationParams DEFAULTS = new ReputationParams(
        45 * DAY_SECONDS, 5, 0.3, 2, 2, 1.645, 5, 100, 3, 5);

    public ReputationParams
    {
        if (!(halfLifeSeconds > 0 && saturation > 0 && tauMin > 0 && tauMin <= 1 && priorPass > 0 && priorFail > 0 &&
            z >= 0 && maxDealWeight > 0 && notionalScale > 0 && failPenalty >= 0 && lostDisputePenalty >= 0))
        {
            throw new IllegalArgumentException("reputation parameters out of range");
        }
    }
}
