package space.tokenta.research.baseline;

import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

/** Always the strongest filtered RSRP: no hysteresis, no time-to-trigger. */
public final class GreedyMaxRsrp implements HandoverPolicy {
    public static final String NAME = "greedy-max-rsrp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int onTick(final MeasurementView view) {
        if (view.state() != ConnectionState.CONNECTED) {
            return Simulator.STAY;
        }
        final int serving = view.servingCell();
        int best = serving;
        double bestRsrp = view.filteredRsrpDbm(serving);
        for (int i = 0; i < view.candidateCount(); i++) {
            final int c = view.candidate(i);
            final double f = view.filteredRsrpDbm(c);
            if (f > bestRsrp) {
                best = c;
                bestRsrp = f;
            }
        }
        return best == serving ? Simulator.STAY : best;
    }
}
