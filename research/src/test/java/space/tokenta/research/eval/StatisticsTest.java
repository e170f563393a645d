package space.tokenta.research.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void studentTQuantilesMatchTables() {
        assertEquals(12.7062047, StudentT.quantile(0.975, 1), 1e-6);
        assertEquals(4.3026527, StudentT.quantile(0.975, 2), 1e-6);
        assertEquals(2.7764451, StudentT.quantile(0.975, 4), 1e-6);
        assertEquals(2.2281389, StudentT.quantile(0.975, 10), 1e-6);
        assertEquals(2.0422725, StudentT.quantile(0.975, 30), 1e-6);
        assertEquals(0.5, StudentT.cdf(0.0, 7), 1e-12);
    }

    @Test
    void confidenceIntervalOfASmallSample() {
        final Summary s = Summary.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.stdDev(), 1e-12);
        assertEquals(2.7764451 * Math.sqrt(2.5) / Math.sqrt(5), s.ci95(), 1e-6);
        assertEquals("3.00 ± 1.96", s.format(2));
        assertTrue(Double.isNaN(Summary.of(new double[] {4}).ci95()));
    }

    @Test
    void paretoFrontKeepsOnlyUndominatedPoints() {
        final var a = new A3Tuning.Point(1, 100, 10, 1, 0, 0, false);
        final var b = new A3Tuning.Point(2, 100, 8, 2, 0, 0, false);
        final var c = new A3Tuning.Point(3, 100, 9, 3, 0, 0, false);
        final var all = List.of(a, b, c);
        assertTrue(!A3Tuning.dominated(a, all) && !A3Tuning.dominated(b, all) && A3Tuning.dominated(c, all));
    }
}
