package space.tokenta.chain.fault;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides the fault for the {@code n}-th request with a given key at one proxy. The key is the
 * method plus the block tag for tag reads ("eth_getBlockByNumber:latest"), so background probes do
 * not shift the sequence seen by data reads. Pure: the same (seed, key, n) always gives the same
 * fault, which is what makes a seeded run replayable.
 */
@FunctionalInterface
public interface FaultPlan {

    Fault decide(String key, long n);

    static FaultPlan none() {
        return (key, n) -> Fault.NONE;
    }

    /** The same fault for every request whose key starts with {@code keyPrefix} ("" for all). */
    static FaultPlan always(final Fault fault, final String keyPrefix) {
        return (key, n) -> key.startsWith(keyPrefix) ? fault : Fault.NONE;
    }

    static FaultPlan always(final Fault fault) {
        return always(fault, "");
    }

    /** Faults by position for one key; NONE after the script ends. */
    static FaultPlan scripted(final String keyPrefix, final List<Fault> script) {
        final List<Fault> copy = List.copyOf(script);
        return (key, n) -> key.startsWith(keyPrefix) && n < copy.size() ? copy.get((int) n) : Fault.NONE;
    }

    /**
     * Each request is faulty with probability {@code faultPercent}/100, the kind drawn uniformly from
     * {@code kinds} with its typical parameter.
     */
    static FaultPlan seeded(final long seed, final int faultPercent, final Set<FaultKind> kinds) {
        return seeded(seed, faultPercent, kinds, Fault::typical);
    }

    /** As {@link #seeded(long, int, Set)} with the parameter of each kind chosen by {@code faults}. */
    static FaultPlan seeded(final long seed, final int faultPercent, final Set<FaultKind> kinds,
                            final java.util.function.Function<FaultKind, Fault> faults) {
        if (faultPercent < 0 || faultPercent > 100) {
            throw new IllegalArgumentException("faultPercent in [0, 100]");
        }
        final List<FaultKind> pool = new ArrayList<>(kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds));
        pool.remove(FaultKind.NONE);
        return (key, n) -> {
            if (pool.isEmpty()) {
                return Fault.NONE;
            }
            final SplittableRandom random = new SplittableRandom(mix(seed, key, n));
            if (random.nextInt(100) >= faultPercent) {
                return Fault.NONE;
            }
            return faults.apply(pool.get(random.nextInt(pool.size())));
        };
    }

    private static long mix(final long seed, final String key, final long n) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h ^= n * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
