package space.tokenta.cluster.node;

import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How a member's agents (media driver, archive, consensus module, service) wait when they have no work.
 * A command crosses those agents several times (ingress, log append, archive recording, commit, service,
 * egress), so each wake-up delay is paid several times per round trip. The trade is CPU for latency:
 *
 * <ul>
 *   <li>{@link #LOW_LATENCY}: never sleep, yield the core to other runnable threads. Lowest latency; every
 *       agent thread stays runnable, so an idle member keeps the cores busy (on 2 cores: ~200% CPU).</li>
 *   <li>{@link #BALANCED}: spin a little, yield, then park at most 50 us. Idle CPU of a few percent per agent.</li>
 *   <li>{@link #LOW_CPU}: Aeron's default back-off, parking up to 1 ms: near zero idle CPU, millisecond latencies.</li>
 * </ul>
 */
public enum IdleProfile {
    LOW_LATENCY(0),
    BALANCED(50),
    LOW_CPU(1_000);

    private final long maxParkUs;

    IdleProfile(final long maxParkUs) {
        this.maxParkUs = maxParkUs;
    }

    /** A fresh strategy for one agent (idle strategies hold per-thread state). */
    public IdleStrategy newIdleStrategy() {
        return switch (this) {
            case LOW_LATENCY -> new YieldingIdleStrategy();
            case BALANCED -> new BackoffIdleStrategy(10, 200, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(maxParkUs));
            case LOW_CPU -> new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(maxParkUs));
        };
    }

    /** The option spelling: {@code low-latency}, {@code balanced}, {@code low-cpu}. */
    public static IdleProfile parse(final String name) {
        for (final IdleProfile profile : values()) {
            if (profile.optionName().equals(name)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown idle profile '" + name + "' (low-latency, balanced, low-cpu)");
    }

    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
