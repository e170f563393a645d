package space.tokenta.research.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinkMonitorTest {
    @Test
    void t310StartsAfterN310OutOfSyncAndExpiresIntoRadioLinkFailure() {
        final LinkMonitor m = new LinkMonitor(-8, -6, 2, 2, 5);
        assertFalse(m.onTick(-10));
        assertFalse(m.t310Running(), "one out-of-sync is below N310 = 2");
        assertFalse(m.onTick(-10));
        assertTrue(m.t310Running());
        for (int i = 0; i < 4; i++) {
            assertFalse(m.onTick(-7), "between Q_out and Q_in: neither in- nor out-of-sync");
        }
        assertTrue(m.onTick(-7), "T310 of 5 ticks expired");
        assertFalse(m.t310Running());
    }

    @Test
    void n311InSyncIndicationsStopT310() {
        final LinkMonitor m = new LinkMonitor(-8, -6, 1, 2, 5);
        m.onTick(-9);
        assertTrue(m.t310Running());
        m.onTick(0);
        assertTrue(m.t310Running(), "one in-sync is below N311 = 2");
        m.onTick(0);
        assertFalse(m.t310Running());
        for (int i = 0; i < 20; i++) {
            assertFalse(m.onTick(0));
        }
    }
}
