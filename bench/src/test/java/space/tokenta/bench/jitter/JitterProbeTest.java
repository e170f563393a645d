package space.tokenta.bench.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JitterProbeTest {

    @Test
    void everyProbeRecordsEachDueTimeOnce() throws InterruptedException {
        // 2,000 due times per second for 0.25 s: 500 per probe
        final List<JitterProbe.ThreadResult> results = JitterProbe.run(2, 2_000, TimeUnit.MILLISECONDS.toNanos(250));
        assertEquals(2, results.size());
        for (final JitterProbe.ThreadResult r : results) {
            assertEquals(500, r.latenessNs().getTotalCount());
            assertTrue(r.stalls() >= 0 && r.stalls() <= 500);
            // a stall is a lateness of at least 1 ms (the histogram's buckets are within 0.1 % of a value)
            final long atLeastJustUnder = r.latenessNs().getCountBetweenValues(990_000, JitterProbe.HIGHEST_TRACKABLE_NS);
            final long atLeastJustOver = r.latenessNs().getCountBetweenValues(1_010_000, JitterProbe.HIGHEST_TRACKABLE_NS);
            assertTrue(r.stalls() <= atLeastJustUnder && r.stalls() >= atLeastJustOver,
                    r.stalls() + " stalls, " + atLeastJustOver + ".." + atLeastJustUnder + " values of about 1 ms or more");
        }
    }

    @Test
    void aRunShorterThanOneIntervalStillMeetsOneDueTime() throws InterruptedException {
        final List<JitterProbe.ThreadResult> results = JitterProbe.run(1, 1, 1_000);
        assertEquals(1, results.get(0).latenessNs().getTotalCount());
    }

    @Test
    void boundsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> JitterProbe.run(0, 1_000, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> JitterProbe.run(JitterProbe.MAX_THREADS + 1, 1_000, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> JitterProbe.run(1, 0, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> JitterProbe.run(1, JitterProbe.MAX_RATE + 1, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> JitterProbe.run(1, 1_000, 0));
        assertThrows(IllegalArgumentException.class,
                () -> JitterProbe.run(1, 1_000, JitterProbe.MAX_DURATION_NS + 1));
    }
}
