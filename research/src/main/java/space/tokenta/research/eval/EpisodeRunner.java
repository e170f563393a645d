package space.tokenta.research.eval;

import space.tokenta.research.baseline.HandoverPolicy;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.sim.EpisodeMetrics;
import space.tokenta.research.sim.EventSink;
import space.tokenta.research.sim.Simulator;

/** Runs one episode of one policy: ask the policy at every tick, then let the environment advance. */
public final class EpisodeRunner {
    private EpisodeRunner() {}

    public static EpisodeMetrics run(final ResearchConfig cfg, final long episodeSeed, final HandoverPolicy policy,
                                     final EventSink events) {
        final Simulator sim = new Simulator(cfg, episodeSeed, events);
        final int maxTicks = cfg.ticksPerEpisode();
        for (int guard = 0; guard < maxTicks && !sim.done(); guard++) {
            final int target = policy.onTick(sim);
            sim.advance(sim.canDecide() ? target : Simulator.STAY);
        }
        return sim.metrics();
    }
}
