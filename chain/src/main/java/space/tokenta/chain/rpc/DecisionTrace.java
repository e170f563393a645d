package space.tokenta.chain.rpc;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded record of the pool's routing decisions ("req 7 try 2 -> anvil-b : ok"), used to check
 * that a seeded fault run replays identically. Disabled (capacity 0) in production.
 */
public final class DecisionTrace {
    private final int capacity;
    private final List<String> entries = new ArrayList<>();
    private long dropped;

    public DecisionTrace(final int capacity) {
        if (capacity < 0 || capacity > 1_000_000) {
            throw new IllegalArgumentException("trace capacity in [0, 1000000]");
        }
        this.capacity = capacity;
    }

    public static DecisionTrace disabled() {
        return new DecisionTrace(0);
    }

    public boolean enabled() {
        return capacity > 0;
    }

    public synchronized void add(final String entry) {
        if (entries.size() < capacity) {
            entries.add(entry);
        } else {
            dropped++;
        }
    }

    public synchronized List<String> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized void clear() {
        entries.clear();
        dropped = 0;
    }
}
