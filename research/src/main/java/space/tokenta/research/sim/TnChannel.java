package space.tokenta.research.sim;

/**
 * TR 38.901 Table 7.4.1-1 path loss (RMa, UMa) and Table 7.4.2-1 LOS probability for the
 * terrestrial macro cells. RMa uses h = 5 m average building height and W = 20 m street width
 * (the table's defaults). Distances below 10 m are clamped to 10 m; RMa beyond its 10 km validity
 * range is extrapolated with the same formula.
 */
public final class TnChannel {
    private TnChannel() {}

    private static final double C = 299_792_458.0;
    private static final double BUILDING_H = 5.0;
    private static final double STREET_W = 20.0;

    public static boolean isUrban(final String scenario) {
        return "UMa".equals(scenario);
    }

    /** Path loss in dB (without shadow fading) for LOS or NLOS. */
    public static double pathLossDb(final boolean urban, final boolean los, final double d2dM,
                                    final double hBs, final double hUt, final double fcGhz) {
        return urban ? umaDb(los, d2dM, hBs, hUt, fcGhz) : rmaDb(los, d2dM, hBs, hUt, fcGhz);
    }

    static double rmaLos(final double d2d, final double hBs, final double hUt, final double fc) {
        final double dBp = 2.0 * Math.PI * hBs * hUt * fc * 1e9 / C;
        final double d3d = StrictMath.hypot(d2d, hBs - hUt);
        if (d2d <= dBp) {
            return rmaPl1(d3d, fc);
        }
        final double dBp3d = StrictMath.hypot(dBp, hBs - hUt);
        return rmaPl1(dBp3d, fc) + 40.0 * StrictMath.log10(d3d / dBp3d);
    }

    private static double rmaPl1(final double d3d, final double fc) {
        final double hp = StrictMath.pow(BUILDING_H, 1.72);
        return 20.0 * StrictMath.log10(40.0 * Math.PI * d3d * fc / 3.0)
                + Math.min(0.03 * hp, 10.0) * StrictMath.log10(d3d)
                - Math.min(0.044 * hp, 14.77)
                + 0.002 * StrictMath.log10(BUILDING_H) * d3d;
    }

    static double rmaDb(final boolean los, final double d2dIn, final double hBs, final double hUt, final double fc) {
        final double d2d = Math.max(10.0, d2dIn);
        final double plLos = rmaLos(d2d, hBs, hUt, fc);
        if (los) {
            return plLos;
        }
        final double d3d = StrictMath.hypot(d2d, hBs - hUt);
        final double plN = 161.04 - 7.1 * StrictMath.log10(STREET_W) + 7.5 * StrictMath.log10(BUILDING_H)
                - (24.37 - 3.7 * (BUILDING_H / hBs) * (BUILDING_H / hBs)) * StrictMath.log10(hBs)
                + (43.42 - 3.1 * StrictMath.log10(hBs)) * (StrictMath.log10(d3d) - 3.0)
                + 20.0 * StrictMath.log10(fc)
                - (3.2 * square(StrictMath.log10(11.75 * hUt)) - 4.97);
        return Math.max(plLos, plN);
    }

    static double umaDb(final boolean los, final double d2dIn, final double hBs, final double hUt, final double fc) {
        final double d2d = Math.max(10.0, d2dIn);
        final double d3d = StrictMath.hypot(d2d, hBs - hUt);
        final double dBp = 4.0 * (hBs - 1.0) * (hUt - 1.0) * fc * 1e9 / C;
        final double plLos;
        if (d2d <= dBp) {
            plLos = 28.0 + 22.0 * StrictMath.log10(d3d) + 20.0 * StrictMath.log10(fc);
        } else {
            plLos = 28.0 + 40.0 * StrictMath.log10(d3d) + 20.0 * StrictMath.log10(fc)
                    - 9.0 * StrictMath.log10(dBp * dBp + square(hBs - hUt));
        }
        if (los) {
            return plLos;
        }
        final double plN = 13.54 + 39.08 * StrictMath.log10(d3d) + 20.0 * StrictMath.log10(fc) - 0.6 * (hUt - 1.5);
        return Math.max(plLos, plN);
    }

    /** Shadow-fading standard deviation in dB. */
    public static double shadowSigmaDb(final boolean urban, final boolean los, final double d2d,
                                       final double hBs, final double hUt, final double fc) {
        if (urban) {
            return los ? 4.0 : 6.0;
        }
        if (!los) {
            return 8.0;
        }
        final double dBp = 2.0 * Math.PI * hBs * hUt * fc * 1e9 / C;
        return d2d <= dBp ? 4.0 : 6.0;
    }

    /** LOS probability for an outdoor UE (TR 38.901 Table 7.4.2-1; UMa with C'(h_UT) = 0 for h_UT <= 13 m). */
    public static double losProbability(final boolean urban, final double d2d) {
        if (urban) {
            if (d2d <= 18.0) {
                return 1.0;
            }
            return 18.0 / d2d + StrictMath.exp(-d2d / 63.0) * (1.0 - 18.0 / d2d);
        }
        if (d2d <= 10.0) {
            return 1.0;
        }
        return StrictMath.exp(-(d2d - 10.0) / 1000.0);
    }

    private static double square(final double x) {
        return x * x;
    }
}
