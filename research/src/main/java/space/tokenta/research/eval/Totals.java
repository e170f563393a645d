package space.tokenta.research.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import space.tokenta.research.sim.EpisodeMetrics;

/** Sums of episode counters for one (seed, policy) and the rates derived from them. */
public final class Totals {
    public int episodes;
    public long ticks;
    public long handovers;
    public long pingPongs;
    public long rlf;
    public long hof;
    public long outageTicks;
    public long fallbacks;
    public long decisions;
    public double throughputMbit;

    public void add(final EpisodeMetrics m) {
        add(m.ticks, m.handovers, m.pingPongs, m.radioLinkFailures, m.handoverFailures, m.outageTicks,
                m.fallbacks, m.decisions, m.throughputMbit);
    }

    public void add(final long t, final long ho, final long pp, final long rlfs, final long hofs, final long outage,
                    final long fb, final long dec, final double mbit) {
        episodes++;
        ticks += t;
        handovers += ho;
        pingPongs += pp;
        rlf += rlfs;
        hof += hofs;
        outageTicks += outage;
        fallbacks += fb;
        decisions += dec;
        throughputMbit += mbit;
    }

    public double minutes(final double tickS) {
        return ticks * tickS / 60.0;
    }

    public double handoversPerMin(final double tickS) {
        return handovers / minutes(tickS);
    }

    public ObjectNode toJson(final double tickS) {
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        final double min = minutes(tickS);
        o.put("episodes", episodes);
        o.put("ueMinutes", min);
        o.put("handovers", handovers);
        o.put("pingPongs", pingPongs);
        o.put("radioLinkFailures", rlf);
        o.put("handoverFailures", hof);
        o.put("outageTicks", outageTicks);
        o.put("fallbacks", fallbacks);
        o.put("decisions", decisions);
        o.put("throughputMbit", throughputMbit);
        for (Metric m : Metric.values()) {
            o.put(m.key, m.of(this, tickS));
        }
        return o;
    }

    /** The reported rates. */
    public enum Metric {
        HANDOVERS_PER_MIN("handoversPerUeMin", "handovers / UE-min", 2),
        PING_PONG_PER_MIN("pingPongsPerUeMin", "ping-pongs / UE-min", 2),
        PING_PONG_RATIO("pingPongPct", "ping-pong % of HOs", 1),
        RLF_PER_MIN("rlfPerUeMin", "RLF / UE-min", 3),
        HOF_PER_MIN("hofPerUeMin", "HOF / UE-min", 3),
        THROUGHPUT("throughputMbps", "throughput proxy Mbit/s", 1),
        OUTAGE("outagePct", "outage %", 2);

        public final String key;
        public final String label;
        public final int decimals;

        Metric(final String key, final String label, final int decimals) {
            this.key = key;
            this.label = label;
            this.decimals = decimals;
        }

        public double of(final Totals t, final double tickS) {
            final double min = t.minutes(tickS);
            return switch (this) {
                case HANDOVERS_PER_MIN -> t.handovers / min;
                case PING_PONG_PER_MIN -> t.pingPongs / min;
                case PING_PONG_RATIO -> t.handovers == 0 ? 0.0 : 100.0 * t.pingPongs / t.handovers;
                case RLF_PER_MIN -> t.rlf / min;
                case HOF_PER_MIN -> t.hof / min;
                case THROUGHPUT -> t.throughputMbit / (min * 60.0);
                case OUTAGE -> 100.0 * t.outageTicks / t.ticks;
            };
        }
    }
}
