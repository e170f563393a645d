package space.tokenta.research.baseline;

import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

/**
 * Conditional handover with a time-to-exit rule. Candidates are prepared with a light A3 condition
 * (hysteresis and TTT of the CHO configuration); execution waits until the serving cell is about
 * to be left (predicted time-to-exit below a bound, or A5-style serving RSRP below a threshold) and
 * then picks, among the prepared candidates, the one the UE is predicted to stay in longest.
 */
public final class ChoTimeToExit implements HandoverPolicy {
    public static final String NAME = "cho-time-to-exit";
    private final double hysteresisDb;
    private final int tttTicks;
    private final double servingExitS;
    private final double servingThresholdDbm;
    private int[] heldTicks = new int[0];
    private int lastServing = MeasurementView.NO_CELL;

    public ChoTimeToExit(final double hysteresisDb, final int tttTicks, final double servingExitS,
                         final double servingThresholdDbm) {
        this.hysteresisDb = hysteresisDb;
        this.tttTicks = tttTicks;
        this.servingExitS = servingExitS;
        this.servingThresholdDbm = servingThresholdDbm;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int onTick(final MeasurementView view) {
        if (heldTicks.length != view.cellCount()) {
            heldTicks = new int[view.cellCount()];
        }
        final int serving = view.servingCell();
        if (view.state() != ConnectionState.CONNECTED || serving != lastServing) {
            java.util.Arrays.fill(heldTicks, 0);
            lastServing = serving;
            if (view.state() != ConnectionState.CONNECTED) {
                return Simulator.STAY;
            }
        }
        final double ms = view.filteredRsrpDbm(serving);
        int best = Simulator.STAY;
        double bestTte = -1.0;
        for (int c = 0; c < heldTicks.length; c++) {
            if (c == serving || !view.isCandidate(c)) {
                heldTicks[c] = 0;
                continue;
            }
            final double mn = view.filteredRsrpDbm(c);
            heldTicks[c] = mn - hysteresisDb > ms ? heldTicks[c] + 1 : 0;
            if (heldTicks[c] >= Math.max(1, tttTicks)) {
                final double tte = view.timeToExitS(c);
                if (tte > bestTte) {
                    best = c;
                    bestTte = tte;
                }
            }
        }
        if (best == Simulator.STAY) {
            return Simulator.STAY;
        }
        final boolean leaving = view.timeToExitS(serving) < servingExitS
                || A5Event.servingCondition(ms, 0.0, servingThresholdDbm)
                || view.t310Running();
        return leaving ? best : Simulator.STAY;
    }
}
