package space.tokenta.research.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import space.tokenta.research.TestConfigs;
import space.tokenta.research.audit.Sha256;
import space.tokenta.research.baseline.GreedyMaxRsrp;
import space.tokenta.research.baseline.HandoverPolicy;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.eval.EventBuffer;

class SimulatorTest {
    private final ResearchConfig cfg = TestConfigs.smoke();

    /** Hash of the true channel of every present cell, the filtered measurements and the events. */
    private String trace(final long seed, final HandoverPolicy policy, final boolean channelOnly) {
        final EventBuffer events = new EventBuffer();
        final Simulator sim = new Simulator(cfg, seed, events);
        final MessageDigest md = Sha256.digest();
        final ByteBuffer b = ByteBuffer.allocate(16);
        while (!sim.done()) {
            for (int c = 0; c < sim.cellCount(); c++) {
                b.clear();
                b.putLong(Double.doubleToLongBits(sim.trueRsrpDbm(c)));
                b.putLong(channelOnly ? c : Double.doubleToLongBits(sim.isCandidate(c) ? sim.filteredRsrpDbm(c) : 0));
                md.update(b.array());
            }
            final int target = policy.onTick(sim);
            sim.advance(sim.canDecide() ? target : Simulator.STAY);
        }
        if (!channelOnly) {
            events.events().forEach(e -> md.update((e.kind() + e.data()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static final HandoverPolicy STAY = new HandoverPolicy() {
        @Override
        public String name() {
            return "stay";
        }

        @Override
        public int onTick(final MeasurementView view) {
            return Simulator.STAY;
        }
    };

    @Test
    void sameSeedSameTraceOtherSeedOtherTrace() {
        assertEquals(trace(11, new GreedyMaxRsrp(), false), trace(11, new GreedyMaxRsrp(), false));
        assertNotEquals(trace(11, new GreedyMaxRsrp(), false), trace(12, new GreedyMaxRsrp(), false));
    }

    @Test
    void channelDoesNotDependOnDecisions() {
        // Common random numbers: a paired comparison sees the same radio conditions under every policy.
        assertEquals(trace(21, STAY, true), trace(21, new GreedyMaxRsrp(), true));
    }

    @Test
    void stayingOnOneCellWhileDrivingThroughTheCityEndsInRadioLinkFailure() {
        final EventBuffer events = new EventBuffer();
        final ResearchConfig longDrive = TestConfigs.smoke(root ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("episode")).put("durationS", 60)).config();
        int rlf = 0;
        for (long seed = 1; seed <= 3; seed++) {
            final Simulator sim = new Simulator(longDrive, seed, events);
            while (!sim.done()) {
                sim.advance(Simulator.STAY);
            }
            rlf += sim.metrics().radioLinkFailures;
            assertEquals(0, sim.metrics().handovers);
            assertTrue(sim.metrics().outageTicks > 0);
        }
        assertTrue(rlf > 0, "a UE that never hands over loses its link");
        assertTrue(events.events().stream().anyMatch(e -> e.kind().equals("RLF")));
        assertTrue(events.events().stream().anyMatch(e -> e.kind().equals("REESTABLISH")));
    }

    @Test
    void handingBackWithinOneSecondIsAPingPongAndLaterIsNot() {
        assertEquals(1, pingPongs(20));
        assertEquals(0, pingPongs(80));
    }

    /** Hands over to the second-strongest cell, waits {@code dwellTicks} after it completes, then returns. */
    private int pingPongs(final int dwellTicks) {
        for (long seed = 1; seed < 50; seed++) {
            final Simulator sim = new Simulator(cfg, seed, EventSink.NONE);
            for (int i = 0; i < 10; i++) {
                sim.advance(Simulator.STAY);
            }
            final int first = sim.servingCell();
            int second = Simulator.STAY;
            for (int i = 0; i < sim.candidateCount(); i++) {
                final int c = sim.candidate(i);
                if (c != first && !sim.isNtn(c) && (second == Simulator.STAY || sim.filteredRsrpDbm(c) > sim.filteredRsrpDbm(second))) {
                    second = c;
                }
            }
            if (first == Simulator.STAY || second == Simulator.STAY || sim.isNtn(first) || sim.servingSinrDb() < 0) {
                continue;
            }
            sim.advance(second);
            while (sim.state() == ConnectionState.HANDOVER_EXECUTING) {
                sim.advance(Simulator.STAY);
            }
            if (sim.servingCell() != second) {
                continue; // that handover failed; try another seed
            }
            for (int i = 0; i < dwellTicks && sim.state() == ConnectionState.CONNECTED; i++) {
                sim.advance(Simulator.STAY);
            }
            if (sim.state() != ConnectionState.CONNECTED || !sim.isCandidate(first)) {
                continue;
            }
            sim.advance(first);
            assertEquals(2, sim.metrics().handovers);
            return sim.metrics().pingPongs;
        }
        throw new AssertionError("no seed gave a clean handover to test ping-pong with");
    }
}
