package space.tokenta.research.baseline;

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
    private final A3Timers prepared = new A3Timers();

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
        if (!prepared.advance(view, hysteresisDb, 0.0)) {
            return Simulator.STAY;
        }
        int best = Simulator.STAY;
        double bestTte = -1.0;
        for (int c = 0; c < prepared.cellCount(); c++) {
            if (prepared.triggered(c, tttTicks)) {
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
        final int serving = view.servingCell();
        final boolean leaving = view.timeToExitS(serving) < servingExitS
                || A5Event.servingCondition(view.filteredRsrpDbm(serving), 0.0, servingThresholdDbm)
                || view.t310Running();
        return leaving ? best : Simulator.STAY;
    }
}
