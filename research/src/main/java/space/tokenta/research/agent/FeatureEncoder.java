package space.tokenta.research.agent;

import space.tokenta.research.baseline.A3Event;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.protocol.Observation;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

/**
 * Turns the UE's measurements into the agent's observation. Action 0 is "stay"; action k >= 1 is a
 * handover to the k-th strongest measured neighbour (by filtered RSRP, ties by cell id). Features
 * use only what a UE knows: filtered RSRP, its trend, layer, predicted time-to-exit, the serving
 * SINR, T310 state, time since the last handover and the default A3 timers.
 */
public final class FeatureEncoder {
    public static final int SERVING_FEATURES = 7;
    public static final int CANDIDATE_FEATURES = 6;
    private final int k;
    private final double minRsrpDbm;
    private final double tteCapS;
    private final int[] chosen;

    public FeatureEncoder(final ResearchConfig cfg) {
        this.k = cfg.agent().candidates();
        this.minRsrpDbm = cfg.measurement().minRsrpDbm();
        this.tteCapS = cfg.baselines().tteCapS();
        this.chosen = new int[k];
    }

    public int inputs() {
        return SERVING_FEATURES + CANDIDATE_FEATURES * k;
    }

    public int actions() {
        return k + 1;
    }

    /** Cell id of an action index from the last {@link #encode}, or STAY. */
    public int cellFor(final int action) {
        if (action <= 0 || action > k) {
            return Simulator.STAY;
        }
        return chosen[action - 1];
    }

    public Observation encode(final long seq, final MeasurementView view, final A3Event a3) {
        final int serving = view.servingCell();
        final double fs = view.filteredRsrpDbm(serving);
        final double[] x = new double[inputs()];
        final boolean[] mask = new boolean[actions()];
        mask[0] = true;
        x[0] = clamp((fs + 100.0) / 20.0);
        x[1] = clamp(view.trendDbPerS(serving) / 20.0);
        x[2] = view.isNtn(serving) ? 1.0 : 0.0;
        x[3] = view.timeToExitS(serving) / tteCapS;
        x[4] = Math.min(1.0, view.ticksSinceHandover() * view.tickS() / 2.0);
        x[5] = view.t310Running() ? 1.0 : 0.0;
        x[6] = clamp(view.servingSinrDb() / 20.0);
        java.util.Arrays.fill(chosen, Simulator.STAY);
        for (int slot = 0; slot < k; slot++) {
            int best = Simulator.STAY;
            for (int i = 0; i < view.candidateCount(); i++) {
                final int c = view.candidate(i);
                if (c == serving || taken(c, slot)) {
                    continue;
                }
                if (best == Simulator.STAY || view.filteredRsrpDbm(c) > view.filteredRsrpDbm(best)) {
                    best = c;
                }
            }
            chosen[slot] = best;
            final int o = SERVING_FEATURES + slot * CANDIDATE_FEATURES;
            if (best == Simulator.STAY) {
                continue;
            }
            final double fn = view.filteredRsrpDbm(best);
            x[o] = 1.0;
            x[o + 1] = clamp((fn - fs) / 10.0);
            x[o + 2] = clamp(view.trendDbPerS(best) / 20.0);
            x[o + 3] = view.isNtn(best) ? 1.0 : 0.0;
            x[o + 4] = view.timeToExitS(best) / tteCapS;
            x[o + 5] = a3.progress(best);
            mask[slot + 1] = fn >= minRsrpDbm;
        }
        return new Observation(seq, view.tick(), x, mask);
    }

    private boolean taken(final int cell, final int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (chosen[i] == cell) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(final double v) {
        if (Double.isNaN(v)) {
            return 0.0;
        }
        return Math.max(-3.0, Math.min(3.0, v));
    }
}
