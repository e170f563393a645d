package space.tokenta.research.agent;

import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.sim.EpisodeMetrics;

/**
 * Reward between two decisions: minus weighted handovers, ping-pongs, RLFs, HOFs and outage time,
 * plus weighted delivered throughput (Mbit).
 */
public final class RewardFunction {
    private final ResearchConfig.Reward w;
    private final double tickS;
    private int handovers;
    private int pingPongs;
    private int rlf;
    private int hof;
    private int outageTicks;
    private double throughputMbit;

    public RewardFunction(final ResearchConfig cfg) {
        this.w = cfg.reward();
        this.tickS = cfg.tickS();
    }

    public void mark(final EpisodeMetrics m) {
        handovers = m.handovers;
        pingPongs = m.pingPongs;
        rlf = m.radioLinkFailures;
        hof = m.handoverFailures;
        outageTicks = m.outageTicks;
        throughputMbit = m.throughputMbit;
    }

    /** Reward accrued since the last {@link #mark}; marks the current counters. */
    public double since(final EpisodeMetrics m) {
        final double r = -w.handover() * (m.handovers - handovers)
                - w.pingPong() * (m.pingPongs - pingPongs)
                - w.rlf() * (m.radioLinkFailures - rlf)
                - w.hof() * (m.handoverFailures - hof)
                - w.outagePerS() * (m.outageTicks - outageTicks) * tickS
                + w.throughputPerMbitS() * (m.throughputMbit - throughputMbit);
        mark(m);
        return r;
    }
}
