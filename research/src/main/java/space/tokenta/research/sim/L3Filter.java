package space.tokenta.research.sim;

/**
 * Layer-3 filter of TS 38.331 section 5.5.3.2: F_n = (1 - a) F_(n-1) + a M_n with a = 1/2^(k/4);
 * the first measurement initialises the filter.
 */
public final class L3Filter {
    private L3Filter() {}

    public static double coefficient(final int k) {
        if (k < 0 || k > 19) {
            throw new IllegalArgumentException("filterCoefficient k is 0..19 in TS 38.331: " + k);
        }
        return 1.0 / StrictMath.pow(2.0, k / 4.0);
    }

    public static double update(final double previous, final double measurement, final double a) {
        return (1.0 - a) * previous + a * measurement;
    }
}
