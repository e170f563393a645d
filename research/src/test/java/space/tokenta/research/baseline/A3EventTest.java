package space.tokenta.research.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.EpisodeMetrics;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

class A3EventTest {
    /** A hand-driven measurement view: cell 0 serves, the others are neighbours. */
    static final class ScriptedView implements MeasurementView {
        final double[] rsrp;
        int tick;
        int serving;

        ScriptedView(final int cells) {
            rsrp = new double[cells];
        }

        @Override public int tick() { return tick; }
        @Override public double tickS() { return 0.02; }
        @Override public ConnectionState state() { return ConnectionState.CONNECTED; }
        @Override public int servingCell() { return serving; }
        @Override public int cellCount() { return rsrp.length; }
        @Override public int candidateCount() { return rsrp.length; }
        @Override public int candidate(final int index) { return index; }
        @Override public boolean isCandidate(final int cell) { return cell >= 0 && cell < rsrp.length; }
        @Override public double filteredRsrpDbm(final int cell) { return rsrp[cell]; }
        @Override public double trendDbPerS(final int cell) { return 0; }
        @Override public boolean isNtn(final int cell) { return false; }
        @Override public double timeToExitS(final int cell) { return 10; }
        @Override public double servingSinrDb() { return 10; }
        @Override public boolean t310Running() { return false; }
        @Override public int ticksSinceHandover() { return 1000; }
        @Override public EpisodeMetrics metrics() { return new EpisodeMetrics(); }
    }

    @Test
    void triggersOnlyAfterTheConditionHeldForTheWholeTimeToTrigger() {
        final ScriptedView v = new ScriptedView(2);
        final A3Event a3 = new A3Event(2.0, 0.0, 3);
        v.rsrp[0] = -90;
        v.rsrp[1] = -87.9; // 2.1 dB better: Mn - Hys > Mp
        assertEquals(Simulator.STAY, a3.update(v));
        assertEquals(Simulator.STAY, a3.update(v));
        assertEquals(1, a3.update(v), "third consecutive tick with TTT = 3 ticks");
    }

    @Test
    void aBreakInTheConditionRestartsTheTimerAndTheHysteresisIsStrict() {
        final ScriptedView v = new ScriptedView(2);
        final A3Event a3 = new A3Event(2.0, 0.0, 2);
        v.rsrp[0] = -90;
        v.rsrp[1] = -87;
        assertEquals(Simulator.STAY, a3.update(v));
        v.rsrp[1] = -88; // exactly Hys better: not entering
        assertEquals(Simulator.STAY, a3.update(v));
        v.rsrp[1] = -87;
        assertEquals(Simulator.STAY, a3.update(v));
        assertEquals(1, a3.update(v));
    }

    @Test
    void picksTheStrongestTriggeredNeighbourAndResetsOnServingChange() {
        final ScriptedView v = new ScriptedView(3);
        final A3Event a3 = new A3Event(1.0, 0.0, 1);
        v.rsrp[0] = -100;
        v.rsrp[1] = -95;
        v.rsrp[2] = -92;
        assertEquals(2, a3.update(v));
        v.serving = 2;
        assertEquals(Simulator.STAY, a3.update(v));
    }

    @Test
    void a5NeedsBothThresholds() {
        assertTrue(A5Event.entering(-115, -100, 1, -110, -105));
        assertFalse(A5Event.entering(-109.5, -100, 1, -110, -105), "serving not below threshold1 - hys");
        assertFalse(A5Event.entering(-115, -105.5, 1, -110, -105), "neighbour not above threshold2 + hys");
    }

    /** Reference model: A3 fires at tick t iff the last TTT ticks (TTT >= 1) all had Mn - Hys > Ms. */
    @Property(tries = 200)
    void matchesAReferenceModelOnRandomSequences(@ForAll @Size(min = 1, max = 60) final java.util.List<@DoubleRange(min = -6, max = 6) Double> offsets,
                                                 @ForAll @IntRange(min = 1, max = 8) final int ttt,
                                                 @ForAll @DoubleRange(min = 0, max = 4) final double hys) {
        final ScriptedView v = new ScriptedView(2);
        final A3Event a3 = new A3Event(hys, 0.0, ttt);
        int run = 0;
        for (double off : offsets) {
            v.rsrp[0] = -90;
            v.rsrp[1] = -90 + off;
            run = (v.rsrp[1] - hys > v.rsrp[0]) ? run + 1 : 0;
            final int expected = run >= ttt ? 1 : Simulator.STAY;
            assertEquals(expected, a3.update(v));
            v.tick++;
        }
    }
}
