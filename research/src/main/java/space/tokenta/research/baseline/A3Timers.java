package space.tokenta.research.baseline;

import java.util.Arrays;
import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.MeasurementView;

/**
 * The per-neighbour timers of the A3 entering condition Mn - Hys > Mp + Off (TS 38.331 section 5.5.4.4):
 * a neighbour's count of consecutive ticks the condition held restarts as soon as it fails; every count
 * restarts on a change of serving cell and while not connected. Shared by {@link A3Event} and the
 * candidate preparation of {@link ChoTimeToExit}; the caller picks among the triggered neighbours.
 */
final class A3Timers {
    private int[] heldTicks = new int[0];
    private int lastServing = MeasurementView.NO_CELL;

    /** Advances every neighbour's count by this tick; false (all counts cleared) when not connected. */
    boolean advance(final MeasurementView view, final double hysteresisDb, final double offsetDb) {
        if (heldTicks.length != view.cellCount()) {
            heldTicks = new int[view.cellCount()];
        }
        final int serving = view.servingCell();
        if (view.state() != ConnectionState.CONNECTED || serving != lastServing) {
            Arrays.fill(heldTicks, 0);
            lastServing = serving;
            if (view.state() != ConnectionState.CONNECTED) {
                return false;
            }
        }
        final double ms = view.filteredRsrpDbm(serving);
        for (int c = 0; c < heldTicks.length; c++) {
            if (c == serving || !view.isCandidate(c)) {
                heldTicks[c] = 0;
                continue;
            }
            heldTicks[c] = view.filteredRsrpDbm(c) - hysteresisDb > ms + offsetDb ? heldTicks[c] + 1 : 0;
        }
        return true;
    }

    /** Cells the counts cover (the cell count of the last view). */
    int cellCount() {
        return heldTicks.length;
    }

    /** Consecutive ticks the condition held for {@code cell}; 0 for a cell out of range. */
    int heldTicks(final int cell) {
        return cell < 0 || cell >= heldTicks.length ? 0 : heldTicks[cell];
    }

    /** Whether {@code cell}'s condition held for time-to-trigger (at least one tick). */
    boolean triggered(final int cell, final int tttTicks) {
        return heldTicks(cell) >= Math.max(1, tttTicks);
    }
}
