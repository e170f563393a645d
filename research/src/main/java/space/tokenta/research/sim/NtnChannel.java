package space.tokenta.research.sim;

/**
 * TR 38.811 large-scale model for the satellite link at S-band: free-space path loss plus shadow
 * fading plus clutter loss (NLOS only), LOS probability by elevation, and the circular-aperture
 * (Bessel) beam pattern of TR 38.811 section 6.4.1. Gas absorption and scintillation are left out:
 * both are small at 2 GHz for elevations above 10 degrees (TR 38.811 sections 6.6.4 and 6.6.6).
 */
public final class NtnChannel {
    private NtnChannel() {}

    private static final double[] ELEVATIONS_DEG = {10, 20, 30, 40, 50, 60, 70, 80, 90};
    // TR 38.811 Table 6.6.1-1, LOS probability in percent.
    private static final double[] RURAL_LOS_PCT = {78.2, 86.9, 91.9, 92.9, 93.5, 94.0, 94.9, 95.2, 99.8};
    private static final double[] URBAN_LOS_PCT = {24.6, 38.6, 49.3, 61.3, 72.6, 80.5, 91.9, 96.8, 99.2};
    // TR 38.811 Tables 6.6.2-2 (urban) and 6.6.2-3 (suburban/rural), S-band columns.
    private static final double[] RURAL_LOS_SF = {1.79, 1.14, 1.14, 0.92, 1.42, 1.56, 0.85, 0.72, 0.72};
    private static final double[] RURAL_NLOS_SF = {8.93, 9.08, 8.78, 10.25, 10.56, 10.74, 10.17, 11.52, 11.52};
    private static final double[] RURAL_CL = {19.52, 18.17, 18.42, 18.28, 18.63, 17.68, 16.50, 16.30, 16.30};
    private static final double[] URBAN_LOS_SF = {4, 4, 4, 4, 4, 4, 4, 4, 4};
    private static final double[] URBAN_NLOS_SF = {6, 6, 6, 6, 6, 6, 6, 6, 6};
    private static final double[] URBAN_CL = {34.3, 30.9, 29.0, 27.7, 26.8, 26.2, 25.8, 25.5, 25.5};

    /** Free-space path loss in dB: 32.45 + 20 log10(f/GHz) + 20 log10(d/m) (TR 38.811 eq. 6.6-2). */
    public static double freeSpaceDb(final double distanceM, final double carrierGhz) {
        if (!(distanceM > 0) || !(carrierGhz > 0)) {
            throw new IllegalArgumentException("distance and carrier must be positive");
        }
        return 32.45 + 20.0 * StrictMath.log10(carrierGhz) + 20.0 * StrictMath.log10(distanceM);
    }

    public static double losProbability(final boolean urban, final double elevationDeg) {
        return interpolate(urban ? URBAN_LOS_PCT : RURAL_LOS_PCT, elevationDeg) / 100.0;
    }

    public static double shadowSigmaDb(final boolean urban, final boolean los, final double elevationDeg) {
        final double[] table = urban ? (los ? URBAN_LOS_SF : URBAN_NLOS_SF) : (los ? RURAL_LOS_SF : RURAL_NLOS_SF);
        return interpolate(table, elevationDeg);
    }

    /** Clutter loss in dB; zero in line of sight. */
    public static double clutterLossDb(final boolean urban, final boolean los, final double elevationDeg) {
        return los ? 0.0 : interpolate(urban ? URBAN_CL : RURAL_CL, elevationDeg);
    }

    /** Linear interpolation over the 10-degree table; elevations below 10 use the 10-degree row. */
    static double interpolate(final double[] table, final double elevationDeg) {
        final double e = Math.max(ELEVATIONS_DEG[0], Math.min(90.0, elevationDeg));
        final int i = Math.min(ELEVATIONS_DEG.length - 2, (int) ((e - 10.0) / 10.0));
        final double w = (e - ELEVATIONS_DEG[i]) / 10.0;
        return table[i] + w * (table[i + 1] - table[i]);
    }

    /** ka of a circular aperture whose half-power half-angle is the given one: 4(J1(u)/u)^2 = 1/2 at u = 1.6163. */
    public static double apertureKa(final double halfPowerHalfAngleDeg) {
        return 1.6163 / StrictMath.sin(StrictMath.toRadians(halfPowerHalfAngleDeg));
    }

    /** Relative beam gain in dB (0 on boresight): 10 log10(4 |J1(ka sin t) / (ka sin t)|^2), floored. */
    public static double beamGainDb(final double offAxisRad, final double ka, final double floorDb) {
        final double u = ka * StrictMath.sin(offAxisRad);
        if (Math.abs(u) < 1e-9) {
            return 0.0;
        }
        final double ratio = 2.0 * besselJ1(u) / u;
        final double linear = ratio * ratio;
        if (linear <= 0.0) {
            return floorDb;
        }
        return Math.max(floorDb, 10.0 * StrictMath.log10(linear));
    }

    /** Bessel function of the first kind, order one (rational approximations, Numerical Recipes 6.5). */
    public static double besselJ1(final double x) {
        final double ax = Math.abs(x);
        if (ax < 8.0) {
            final double y = x * x;
            final double p = x * (72362614232.0 + y * (-7895059235.0 + y * (242396853.1
                    + y * (-2972611.439 + y * (15704.48260 + y * (-30.16036606))))));
            final double q = 144725228442.0 + y * (2300535178.0 + y * (18583304.74
                    + y * (99447.43394 + y * (376.9991397 + y))));
            return p / q;
        }
        final double z = 8.0 / ax;
        final double y = z * z;
        final double xx = ax - 2.356194491;
        final double p = 1.0 + y * (0.183105e-2 + y * (-0.3516396496e-4 + y * (0.2457520174e-5 + y * (-0.240337019e-6))));
        final double q = 0.04687499995 + y * (-0.2002690873e-3 + y * (0.8449199096e-5 + y * (-0.88228987e-6 + y * 0.105787412e-6)));
        final double ans = StrictMath.sqrt(0.636619772 / ax) * (StrictMath.cos(xx) * p - z * StrictMath.sin(xx) * q);
        return x < 0.0 ? -ans : ans;
    }
}
