package space.tokenta.research.eval;

/**
 * Student's t distribution: CDF through the regularised incomplete beta function (continued
 * fraction, Lentz's method) and quantiles by bisection. Enough for two-sided confidence intervals.
 */
public final class StudentT {
    private StudentT() {}

    /** P(T <= t) for T ~ t(df). */
    public static double cdf(final double t, final double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive");
        }
        final double x = df / (df + t * t);
        final double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** The p-quantile, 0 < p < 1. */
    public static double quantile(final double p, final double df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
        double lo = -1e3;
        double hi = 1e3;
        for (int i = 0; i < 200; i++) {
            final double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static double regularizedBeta(final double x, final double a, final double b) {
        if (x <= 0) {
            return 0.0;
        }
        if (x >= 1) {
            return 1.0;
        }
        final double front = StrictMath.exp(logGamma(a + b) - logGamma(a) - logGamma(b)
                + a * StrictMath.log(x) + b * StrictMath.log(1.0 - x));
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1.0 - front * continuedFraction(1.0 - x, b, a) / b;
    }

    private static double continuedFraction(final double x, final double a, final double b) {
        final double tiny = 1e-300;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1.0);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= 500; m++) {
            final int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
            d = 1.0 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            final double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** Lanczos approximation (g = 7, n = 9). */
    static double logGamma(final double x) {
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return StrictMath.log(Math.PI / Math.abs(StrictMath.sin(Math.PI * x))) - logGamma(1.0 - x);
        }
        final double z = x - 1.0;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (z + i);
        }
        final double t = z + 7.5;
        return 0.5 * StrictMath.log(2.0 * Math.PI) + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
    }
}
