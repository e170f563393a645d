package space.tokenta.research.sim;

/** Counters of one episode; rates are derived per UE-minute of simulated time. */
public final class EpisodeMetrics {
    public int ticks;
    public int handovers;
    public int pingPongs;
    public int radioLinkFailures;
    public int handoverFailures;
    public int outageTicks;
    public int fallbacks;
    public int decisions;
    public double throughputMbit;

    public double minutes(final double tickS) {
        return ticks * tickS / 60.0;
    }
}
