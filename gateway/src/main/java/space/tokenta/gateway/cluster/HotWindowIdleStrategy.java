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
    private final java.util.function.LongSupplier nanoClock;
    private volatile long hotUntilNs;
    /** The agent thread, known from its first idle call. */
    private volatile Thread agent;

    public HotWindowIdleStrategy(final IdleStrategy cold, final long hotWindowNs) {
        this(cold, hotWindowNs, System::nanoTime);
    }

    /** As above on the given monotonic clock (tests). */
    HotWindowIdleStrategy(final IdleStrategy cold, final long hotWindowNs, final java.util.function.LongSupplier nanoClock) {
        if (cold == null || nanoClock == null || hotWindowNs <= 0 || hotWindowNs > MAX_HOT_WINDOW_NS) {
            throw new IllegalArgumentException("cold strategy, clock and 0 < hotWindowNs <= " + MAX_HOT_WINDOW_NS
                    + " needed");
        }
        this.cold = cold;
        this.hotWindowNs = hotWindowNs;
        this.nanoClock = nanoClock;
        this.hotUntilNs = nanoClock.getAsLong();
    }

    /** Work is on its way to the agent: unpark it and keep it from parking for the window. */
    public void wake() {
        hotUntilNs = nanoClock.getAsLong() + hotWindowNs;
        final Thread thread = agent;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** True while a window is open (tests, metrics). */
    public boolean isHot() {
        return nanoClock.getAsLong() - hotUntilNs < 0;
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
