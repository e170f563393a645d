package space.tokenta.research.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChannelProperties {
    @Property
    void freeSpaceLossGrowsWithDistance(@ForAll @DoubleRange(min = 1e3, max = 3e6) final double d,
                                        @ForAll @DoubleRange(min = 1.01, max = 10) final double factor) {
        assertTrue(NtnChannel.freeSpaceDb(d * factor, 2.0) > NtnChannel.freeSpaceDb(d, 2.0));
        assertEquals(20.0 * Math.log10(factor), NtnChannel.freeSpaceDb(d * factor, 2.0) - NtnChannel.freeSpaceDb(d, 2.0), 1e-9);
    }

    @Property
    void terrestrialPathLossNeverDecreasesWithDistance(@ForAll @DoubleRange(min = 10, max = 9000) final double d,
                                                       @ForAll @DoubleRange(min = 0.5, max = 500) final double step,
                                                       @ForAll final boolean urban, @ForAll final boolean los) {
        final double h = urban ? 25 : 35;
        final double near = TnChannel.pathLossDb(urban, los, d, h, 1.5, 2.1);
        final double far = TnChannel.pathLossDb(urban, los, d + step, h, 1.5, 2.1);
        assertTrue(far >= near - 1e-9, "PL(" + (d + step) + ") = " + far + " < PL(" + d + ") = " + near);
        assertTrue(TnChannel.pathLossDb(urban, false, d, h, 1.5, 2.1) >= TnChannel.pathLossDb(urban, true, d, h, 1.5, 2.1) - 1e-9,
                "NLOS is never better than LOS (38.901 takes the max)");
    }

    @Property
    void l3FilterStaysBetweenPreviousAndNewMeasurement(@ForAll @DoubleRange(min = -150, max = -30) final double prev,
                                                       @ForAll @DoubleRange(min = -150, max = -30) final double m,
                                                       @ForAll @IntRange(min = 0, max = 19) final int k) {
        final double f = L3Filter.update(prev, m, L3Filter.coefficient(k));
        assertTrue(f >= Math.min(prev, m) - 1e-9 && f <= Math.max(prev, m) + 1e-9);
    }

    @Property
    void beamGainIsAtMostBoresightAndAtLeastTheFloor(@ForAll @DoubleRange(min = 0, max = 1.2) final double offAxisRad) {
        final double g = NtnChannel.beamGainDb(offAxisRad, NtnChannel.apertureKa(2.2064), -30);
        assertTrue(g <= 1e-12 && g >= -30);
    }

    @Test
    void knownValues() {
        // 4 (J1(u)/u)^2 = 1/2 at the half-power angle.
        assertEquals(-3.01, NtnChannel.beamGainDb(Math.toRadians(2.2064), NtnChannel.apertureKa(2.2064), -30), 0.02);
        assertEquals(0.5767248, NtnChannel.besselJ1(2.0), 1e-6);
        assertEquals(0.0434727, NtnChannel.besselJ1(10.0), 1e-6);
        // FSPL at 600 km and 2 GHz.
        assertEquals(32.45 + 6.0206 + 115.563, NtnChannel.freeSpaceDb(600e3, 2.0), 1e-3);
        // k = 4 gives a = 1/2 (TS 38.331).
        assertEquals(0.5, L3Filter.coefficient(4), 0.0);
        assertEquals(0.782, NtnChannel.losProbability(false, 10), 1e-12);
        assertEquals(19.52, NtnChannel.clutterLossDb(false, false, 5), 1e-12);
        assertEquals(0.0, NtnChannel.clutterLossDb(false, true, 45), 0.0);
    }
}
