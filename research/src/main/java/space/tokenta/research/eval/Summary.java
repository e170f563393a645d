package space.tokenta.research.eval;

/** Mean and two-sided 95% confidence half-width (Student t, n - 1 degrees of freedom) of a sample. */
public record Summary(int n, double mean, double stdDev, double ci95) {
    public static Summary of(final double[] values) {
        final int n = values.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        final double mean = sum / n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN);
        }
        double sq = 0.0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        final double sd = StrictMath.sqrt(sq / (n - 1));
        final double t = StudentT.quantile(0.975, n - 1);
        return new Summary(n, mean, sd, t * sd / StrictMath.sqrt(n));
    }

    public String format(final int decimals) {
        if (Double.isNaN(mean)) {
            return "n/a";
        }
        final String f = "%." + decimals + "f";
        return Double.isNaN(ci95) ? String.format(java.util.Locale.ROOT, f, mean) : String.format(java.util.Locale.ROOT, f + " ± " + f, mean, ci95);
    }
}
