package space.tokenta.research.baseline;

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
    private final A3Timers timers = new A3Timers();

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
        return Math.min(1.0, timers.heldTicks(cell) / (double) Math.max(1, tttTicks));
    }

    /** Updates the timers for this tick; returns the best triggered neighbour, or STAY. */
    public int update(final MeasurementView view) {
        if (!timers.advance(view, hysteresisDb, offsetDb)) {
            return Simulator.STAY;
        }
        int best = Simulator.STAY;
        double bestRsrp = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < timers.cellCount(); c++) {
            if (timers.triggered(c, tttTicks)) {
                final double mn = view.filteredRsrpDbm(c);
                if (mn > bestRsrp) {
                    best = c;
                    bestRsrp = mn;
                }
            }
        }
        return best;
    }
}
