package space.tokenta.research.baseline;

import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

/**
 * Event A3 of TS 38.331 section 5.5.4.4 with offsets zero: entering condition Mn - Hys > Mp + Off,
 * which must hold for every tick of timeToTrigger before the neighbour is reported. The timer of a
 * neighbour restarts as soon as its condition fails; all timers restart on a change of serving cell.
 */
public final class A3Event {
    private final double hysteresisDb;
    private final double offsetDb;
    private final int tttTicks;
    private int[] heldTicks = new int[0];
    private int lastServing = MeasurementView.NO_CELL;

    public A3Event(final double hysteresisDb, final double offsetDb, final int tttTicks) {
        if (hysteresisDb < 0 || tttTicks < 0) {
            throw new IllegalArgumentException("hysteresis and time-to-trigger must be non-negative");
        }
        this.hysteresisDb = hysteresisDb;
        this.offsetDb = offsetDb;
        this.tttTicks = tttTicks;
    }

    public int tttTicks() {
        return tttTicks;
    }

    /** Progress of a neighbour's timer, 0..1 (1 = triggered). */
    public double progress(final int cell) {
        if (cell < 0 || cell >= heldTicks.length) {
            return 0.0;
        }
        return Math.min(1.0, heldTicks[cell] / (double) Math.max(1, tttTicks));
    }

    /** Updates the timers for this tick; returns the best triggered neighbour, or STAY. */
    public int update(final MeasurementView view) {
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
        double bestRsrp = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < heldTicks.length; c++) {
            if (c == serving || !view.isCandidate(c)) {
                heldTicks[c] = 0;
                continue;
            }
            final double mn = view.filteredRsrpDbm(c);
            heldTicks[c] = mn - hysteresisDb > ms + offsetDb ? heldTicks[c] + 1 : 0;
            if (heldTicks[c] >= Math.max(1, tttTicks) && mn > bestRsrp) {
                best = c;
                bestRsrp = mn;
            }
        }
        return best;
    }
}
