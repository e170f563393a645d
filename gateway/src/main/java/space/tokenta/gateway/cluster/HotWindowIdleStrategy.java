package space.tokenta.gateway.cluster;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;

/**
 * An agent's idle strategy that a producer can wake and keep hot. {@link #wake()} (any thread) unparks
 * the agent and opens a window of {@code hotWindowNs} during which the agent idles by yielding only, never
 * parking: an answer or journal record expected within the window is picked up at once instead of after
 * the rest of a park (a park is at least the kernel's timer slack, ~50 us, and up to the profile's
 * maximum). Outside a window the agent idles as {@code cold} does, so an idle gateway costs no CPU.
 *
 * <p>The window is bounded: a burst of orders keeps the agent hot for at most {@code hotWindowNs} after
 * the last one; an answer that takes longer is still picked up, after the cold strategy's park.
 */
public final class HotWindowIdleStrategy implements IdleStrategy {
    /** Upper bound of a window: longer than any healthy loopback round trip, short enough to cost little CPU. */
    public static final long MAX_HOT_WINDOW_NS = 10_000_000L;

    private final IdleStrategy cold;
    private final long hotWindowNs;
    private volatile long hotUntilNs = System.nanoTime();
    /** The agent thread, known from its first idle call. */
    private volatile Thread agent;

    public HotWindowIdleStrategy(final IdleStrategy cold, final long hotWindowNs) {
        if (cold == null || hotWindowNs <= 0 || hotWindowNs > MAX_HOT_WINDOW_NS) {
            throw new IllegalArgumentException("cold strategy and 0 < hotWindowNs <= " + MAX_HOT_WINDOW_NS + " needed");
        }
        this.cold = cold;
        this.hotWindowNs = hotWindowNs;
    }

    /** Work is on its way to the agent: unpark it and keep it from parking for the window. */
    public void wake() {
        hotUntilNs = System.nanoTime() + hotWindowNs;
        final Thread thread = agent;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** True while a window is open (tests, metrics). */
    public boolean isHot() {
        return System.nanoTime() - hotUntilNs < 0;
    }

    @Override
    public void idle(final int workCount) {
        if (workCount > 0) {
            cold.reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (agent == null) {
            agent = Thread.currentThread();
        }
        if (isHot()) {
            // the cold strategy's back-off restarts after the window: spin and yield first, as after work
            cold.reset();
            Thread.yield();
        } else {
            cold.idle();
        }
    }

    @Override
    public void reset() {
        cold.reset();
    }

    @Override
    public String alias() {
        return "hot-window(" + cold.alias() + ")";
    }
}
