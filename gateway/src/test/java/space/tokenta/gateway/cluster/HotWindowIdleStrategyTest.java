package space.tokenta.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;

class HotWindowIdleStrategyTest {
    /** Counts what the hot-window strategy asks of the cold one; parks for {@code parkNs} per idle. */
    static final class CountingIdle implements IdleStrategy {
        final long parkNs;
        volatile int idles;
        volatile int resets;

        CountingIdle(final long parkNs) {
            this.parkNs = parkNs;
        }

        @Override
        public void idle(final int workCount) {
            if (workCount > 0) {
                reset();
            } else {
                idle();
            }
        }

        @Override
        public void idle() {
            idles++;
            if (parkNs > 0) {
                LockSupport.parkNanos(parkNs);
            }
        }

        @Override
        public void reset() {
            resets++;
        }
    }

    @Test
    void idlesColdUntilWokenThenOnlyYieldsForTheWindow() {
        final AtomicLong clock = new AtomicLong(1_000);
        final CountingIdle cold = new CountingIdle(0);
        final HotWindowIdleStrategy idle = new HotWindowIdleStrategy(cold, 200_000, clock::get);
        idle.idle(0);
        assertEquals(1, cold.idles, "not hot before any wake");
        idle.wake();
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(1_999);
            assertTrue(idle.isHot());
            idle.idle(0);
        }
        assertEquals(1, cold.idles, "no cold idle (no park) inside the window");
        clock.addAndGet(200_000 - 199_900);
        assertFalse(idle.isHot(), "the window ends hotWindowNs after the wake");
        idle.idle(0);
        idle.idle();
        assertEquals(3, cold.idles);
        final int resets = cold.resets;
        idle.idle(5);
        assertEquals(resets + 1, cold.resets, "work resets the cold back-off");
        assertEquals(3, cold.idles);
        // a later wake opens a new window from its own time
        idle.wake();
        clock.addAndGet(199_999);
        assertTrue(idle.isHot());
    }

    @Test
    void wakeUnparksAnAgentParkedByTheColdStrategy() throws Exception {
        final CountingIdle cold = new CountingIdle(TimeUnit.SECONDS.toNanos(20));
        final HotWindowIdleStrategy idle = new HotWindowIdleStrategy(cold, 1_000_000);
        final Thread agent = new Thread(idle::idle, "parked-agent");
        agent.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadlineNs) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.TIMED_WAITING, agent.getState());
        final long wokenAtNs = System.nanoTime();
        idle.wake();
        agent.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(agent.isAlive());
        assertTrue(System.nanoTime() - wokenAtNs < TimeUnit.SECONDS.toNanos(10), "woken, not timed out");
    }

    @Test
    void windowOutsideItsBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HotWindowIdleStrategy(new NoOpIdleStrategy(), 0));
        assertThrows(IllegalArgumentException.class, () -> new HotWindowIdleStrategy(new NoOpIdleStrategy(),
                HotWindowIdleStrategy.MAX_HOT_WINDOW_NS + 1));
        assertThrows(IllegalArgumentException.class, () -> new HotWindowIdleStrategy(null, 1_000));
    }
}
