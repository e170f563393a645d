package space.tokenta.research.eval;

import space.tokenta.research.sim.SplitMix64;

/** Disjoint seed streams: training episodes, held-out evaluation episodes, A3 tuning episodes. */
public final class Seeds {
    private Seeds() {}

    public static long training(final long seed, final int episode) {
        return SplitMix64.mix(seed, 0x7261696EL, episode);
    }

    public static long evaluation(final long evalBase, final long seed, final int episode) {
        return SplitMix64.mix(evalBase, 0x6576616CL ^ seed, episode);
    }

    public static long tuning(final long tuningBase, final int episode) {
        return SplitMix64.mix(tuningBase, 0x74756E65L, episode);
    }
}
