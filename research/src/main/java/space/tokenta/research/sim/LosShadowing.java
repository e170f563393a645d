package space.tokenta.research.sim;

/**
 * Per-link line-of-sight state with correlated shadowing, for a fixed number of links (TN cells or
 * satellites): the LOS state is redrawn when the link decorrelates, the soft LOS value moves toward it by
 * at most one step a tick, and the shadowing is a unit-variance AR(1) process. The caller draws the
 * random numbers for every link every tick, so the stream never depends on which links matter.
 */
final class LosShadowing {
    private final boolean[] los;
    private final double[] softLos;
    private final double[] shadowZ;
    private final boolean[] started;

    LosShadowing(final int links) {
        if (links < 0) {
            throw new IllegalArgumentException("links must be >= 0: " + links);
        }
        los = new boolean[links];
        softLos = new double[links];
        shadowZ = new double[links];
        started = new boolean[links];
    }

    /**
     * One tick of link {@code i}: {@code pLos} its LOS probability now, {@code rho} its correlation from the
     * last tick; {@code uSwitch}, {@code uLos} uniform and {@code n} standard normal draws.
     */
    void step(final int i, final double pLos, final double rho, final double uSwitch, final double uLos,
            final double n, final double softStep) {
        if (!started[i]) {
            los[i] = uLos < pLos;
            softLos[i] = los[i] ? 1.0 : 0.0;
            shadowZ[i] = n;
            started[i] = true;
        } else {
            if (uSwitch > rho) {
                los[i] = uLos < pLos;
            }
            softLos[i] = approach(softLos[i], los[i] ? 1.0 : 0.0, softStep);
            shadowZ[i] = rho * shadowZ[i] + StrictMath.sqrt(1.0 - rho * rho) * n;
        }
    }

    /** Soft LOS of link {@code i}: 1 line of sight, 0 non-line of sight. */
    double softLos(final int i) {
        return softLos[i];
    }

    /** The shadowing of link {@code i} in standard deviations. */
    double shadowZ(final int i) {
        return shadowZ[i];
    }

    private static double approach(final double value, final double target, final double step) {
        return value < target ? Math.min(target, value + step) : Math.max(target, value - step);
    }
}
