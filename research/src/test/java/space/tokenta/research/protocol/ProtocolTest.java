package space.tokenta.research.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import space.tokenta.research.TestConfigs;
import space.tokenta.research.agent.FeatureEncoder;
import space.tokenta.research.baseline.A3Event;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.eval.EventBuffer;
import space.tokenta.research.sim.Simulator;

class ProtocolTest {
    // Generous: accepted answers must not miss it even on a heavily loaded machine.
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long SHORT_DEADLINE_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private static Observation obs(final long seq) {
        return new Observation(seq, (int) seq, new double[] {0.1, 0.2}, new boolean[] {true, true, false});
    }

    private static Decision decideOnce(final AgentEndpoint endpoint, final long seq) {
        try (DeadlinePort port = new DeadlinePort(endpoint, DEADLINE_NS, "test-agent")) {
            return port.decide(obs(seq));
        }
    }

    @Test
    void aWellFormedActionIsAccepted() {
        final Decision d = decideOnce(o -> new Action(o.seq(), 1, 0.5), 7);
        assertTrue(d.accepted());
        assertEquals(1, d.index());
        assertNull(d.fallback());
    }

    @Test
    void everyBadAnswerFallsBackWithItsReason() {
        assertEquals(FallbackReason.OUT_OF_ORDER, decideOnce(o -> new Action(o.seq() - 1, 0, 0.0), 5).fallback());
        assertEquals(FallbackReason.OUT_OF_ORDER, decideOnce(o -> new Action(o.seq() + 1, 0, 0.0), 5).fallback());
        assertEquals(FallbackReason.NAN, decideOnce(o -> new Action(o.seq(), 0, Double.NaN), 5).fallback());
        assertEquals(FallbackReason.INVALID_ACTION, decideOnce(o -> new Action(o.seq(), 3, 0.0), 5).fallback());
        assertEquals(FallbackReason.INVALID_ACTION, decideOnce(o -> new Action(o.seq(), -1, 0.0), 5).fallback());
        assertEquals(FallbackReason.INVALID_ACTION, decideOnce(o -> new Action(o.seq(), 2, 0.0), 5).fallback(), "masked action");
        assertEquals(FallbackReason.INVALID_ACTION, decideOnce(o -> null, 5).fallback());
        assertEquals(FallbackReason.EXCEPTION, decideOnce(o -> {
            throw new IllegalStateException("agent crashed");
        }, 5).fallback());
        assertEquals(FallbackReason.EXCEPTION, new DirectPort(o -> {
            throw new IllegalStateException("agent crashed");
        }).decide(obs(1)).fallback());
    }

    @Test
    void aLateAnswerMissesItsDeadlineAndIsNeverUsedForTheNextObservation() {
        final List<Long> answered = new ArrayList<>();
        try (DeadlinePort port = new DeadlinePort(o -> {
            if (o.seq() == 1) {
                sleep(1500);
            }
            synchronized (answered) {
                answered.add(o.seq());
            }
            return new Action(o.seq(), 1, 0.0);
        }, SHORT_DEADLINE_NS, "slow-agent")) {
            final Decision late = port.decide(obs(1));
            assertEquals(FallbackReason.DEADLINE, late.fallback());
            assertTrue(late.latencyNs() >= SHORT_DEADLINE_NS);
            // The agent is still busy with seq 1: seq 2 misses too, and is never given seq 1's answer.
            final Decision next = port.decide(obs(2));
            assertEquals(FallbackReason.DEADLINE, next.fallback());
            sleep(1500);
            Decision after = null;
            for (long seq = 3; seq < 20 && (after == null || !after.accepted()); seq++) {
                after = port.decide(obs(seq));
                if (after.accepted()) {
                    assertEquals(seq, after.seq(), "an accepted answer is always the one for the current observation");
                }
            }
            assertTrue(after.accepted(), "the agent answers again once it has caught up");
            synchronized (answered) {
                assertTrue(answered.contains(1L), "seq 1 was answered, late, and that answer was discarded");
            }
        }
    }

    @Test
    void theEnvironmentNeverAdvancesBeforeTheActionAndLogsEachFallback() {
        final ResearchConfig cfg = TestConfigs.smoke();
        final EventBuffer events = new EventBuffer();
        final Simulator sim = new Simulator(cfg, 99, events);
        final FeatureEncoder encoder = new FeatureEncoder(cfg);
        final List<String> violations = new ArrayList<>();
        final int[] calls = {0};
        final AgentEndpoint agent = o -> {
            if (sim.tick() != o.tick()) {
                violations.add("tick moved before the answer to seq " + o.seq());
            }
            sleep(1);
            if (sim.tick() != o.tick()) {
                violations.add("tick moved while the agent was thinking about seq " + o.seq());
            }
            calls[0]++;
            if (o.seq() % 7 == 0) {
                return new Action(o.seq(), 0, Double.NaN);
            }
            if (o.seq() % 11 == 0) {
                return new Action(o.seq() - 1, 0, 0.0);
            }
            int last = 0;
            for (int a = 0; a < o.mask().length; a++) {
                last = o.mask()[a] ? a : last;
            }
            return new Action(o.seq(), o.seq() % 3 == 0 ? last : 0, 0.0);
        };
        final List<Integer> decisionTicks = new ArrayList<>();
        try (DeadlinePort port = new DeadlinePort(agent, TimeUnit.SECONDS.toNanos(5), "lockstep")) {
            final AgentPolicy policy = new AgentPolicy(encoder, port, new A3Event(2, 0, 13), 5, events,
                    (o, d, v) -> decisionTicks.add(v.tick()), new LatencyRecorder());
            while (!sim.done()) {
                final int before = sim.tick();
                final int target = policy.onTick(sim);
                assertEquals(before, sim.tick(), "the environment waits for the decision");
                sim.advance(sim.canDecide() ? target : Simulator.STAY);
            }
        }
        assertTrue(violations.isEmpty(), violations.toString());
        assertTrue(calls[0] > 20, "the agent was consulted");
        final long nan = events.events().stream().filter(e -> e.kind().equals("FALLBACK") && e.data().contains("NAN")).count();
        final long order = events.events().stream().filter(e -> e.kind().equals("FALLBACK") && e.data().contains("OUT_OF_ORDER")).count();
        assertTrue(nan > 0 && order > 0, "each fallback is logged with its reason");
        assertEquals(nan + order, sim.metrics().fallbacks);
        // Handovers chosen by the agent happen at the tick of the observation that asked for them.
        events.events().stream().filter(e -> e.kind().equals("HO")).forEach(e -> {
            final int t = Integer.parseInt(e.data().replaceAll("^\\{\"t\":(\\d+),.*$", "$1"));
            assertTrue(decisionTicks.contains(t), "handover at tick " + t + " follows a decision at that tick");
        });
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
