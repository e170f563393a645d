package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The AIMD budget: halves on 429, honours Retry-After, grows back 10 %/s, always within its bounds. */
class RateBudgetProperties {

    @Provide
    Arbitrary<List<Integer>> steps() {
        // negative: a 429 with Retry-After of -step ms; positive: advance time by step ms and try a request
        return Arbitraries.integers().between(-3_000, 3_000).list().ofMaxSize(300);
    }

    @Property(tries = 200)
    void staysWithinBoundsAndFollowsTheModel(@ForAll("steps") final List<Integer> steps) {
        final RateBudget budget = new RateBudget("p", 5, 100, 1_000);
        long now = 0;
        long model = 100;
        long lastChange = 0;
        long coolUntil = 0;
        for (final int step : steps) {
            if (step < 0) {
                budget.onThrottled(now, -step);
                model = Math.max(5, model / 2);
                lastChange = now;
                coolUntil = now + Math.min(60_000, -step);
            } else {
                now += step;
                final boolean cooling = now < coolUntil;
                assertEquals(cooling, budget.coolingDown(now));
                budget.tryAcquire(now);
                if (!cooling && model < 1_000 && now - lastChange >= 1_000) {
                    model = Math.min(1_000, model + Math.max(1, model / 10));
                    lastChange = now;
                }
            }
            assertEquals(model, budget.perSecond());
            assertTrue(budget.perSecond() >= 5 && budget.perSecond() <= 1_000);
        }
    }

    @Test
    void throttlingShrinksAndQuietTimeGrowsItBack() {
        final RateBudget budget = new RateBudget("p", 5, 800, 1_000);
        budget.onThrottled(0, 1_000);
        assertEquals(400, budget.perSecond());
        assertFalse(budget.tryAcquire(500), "Retry-After cool-down");
        for (long t = 1_000; t <= 20_000; t += 1_000) {
            budget.tryAcquire(t);
        }
        assertEquals(1_000, budget.perSecond());
    }
}
