package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.chain.fault.Fault;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.health.UpstreamState;

/** Each fault kind alone on one of three upstreams: every read is canonical or a typed error, within its deadline. */
class FaultKindsTest {
    @RegisterExtension
    static final AnvilPerClass ANVIL = new AnvilPerClass(3);

    private ReadOutcomes runAll(final Fault fault) {
        ANVIL.fixture().plans(FaultPlan.always(fault), FaultPlan.none(), FaultPlan.none());
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (int round = 0; round < 2; round++) {
                for (final Map.Entry<String, AnvilFixture.ReadCase> e : ANVIL.reads().entrySet()) {
                    outcomes.run(pool, e.getKey(), e.getValue());
                }
            }
            return outcomes;
        }
    }

    @Test
    void eachFaultKindAloneLeavesEveryReadCanonical() {
        for (final FaultKind kind : FaultKind.values()) {
            final Fault fault = kind == FaultKind.HANG ? new Fault(kind, 5_000) : Fault.typical(kind);
            final ReadOutcomes outcomes = runAll(fault);
            // Two healthy upstreams remain: nothing should fail at all.
            assertEquals(0, outcomes.typedErrors, kind + ": " + outcomes.outcomes);
        }
    }

    @Test
    void staleAndForkedUpstreamsLeaveRotationAndNeverVote() {
        ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            // The pool learns the canonical head while all agree; then one lags and one forks.
            AnvilFixture.warm(pool);
            ANVIL.fixture().plans(FaultPlan.always(Fault.typical(FaultKind.STALE_HEAD)), FaultPlan.always(Fault.typical(FaultKind.WRONG_FORK)),
                    FaultPlan.none());
            pool.probeNow().join();
            assertEquals(UpstreamState.QUARANTINED, pool.upstreams().get(0).health().state());
            assertTrue(pool.upstreams().get(0).health().stateReason().startsWith("lag"));
            assertEquals(UpstreamState.QUARANTINED, pool.upstreams().get(1).health().state());
            assertTrue(pool.upstreams().get(1).health().stateReason().startsWith("fork"));
            assertEquals(UpstreamState.ACTIVE, pool.upstreams().get(2).health().state());
            // Only one voter remains: consensus reads refuse rather than trust it alone.
            final ReadOutcomes outcomes = new ReadOutcomes();
            outcomes.run(pool, "receiptQuorum0", ANVIL.reads().get("receiptQuorum0"));
            assertEquals(1, outcomes.typedErrors, outcomes.outcomes.toString());
            assertEquals("receiptQuorum0 CONSENSUS_FAILED", outcomes.outcomes.get(0));
            // Plain reads are served by the healthy upstream.
            outcomes.run(pool, "block1", ANVIL.reads().get("block1"));
            assertEquals(1, outcomes.ok);
            // Healed upstreams are probed back in.
            ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
            pool.probeNow().join();
            pool.upstreams().forEach(u -> assertEquals(UpstreamState.ACTIVE, u.health().state(), u.id()));
        }
    }

    @Test
    void forkedAnswersAreRejectedEvenBeforeProbesNotice() {
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().hedge(false).build(), DecisionTrace.disabled())) {
            ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
            AnvilFixture.warm(pool);
            // Now the best-ranked upstream starts answering from another fork for block reads.
            final String first = pool.ranked("eth_getBlockByNumber", java.util.Set.of()).get(0).id();
            final int index = Integer.parseInt(first.substring(first.length() - 1)) - 1;
            ANVIL.fixture().proxies().get(index).plan(FaultPlan.always(Fault.typical(FaultKind.WRONG_FORK), "eth_getBlockByNumber"));
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (long n = 1; n <= ANVIL.fixture().head; n += 2) {
                outcomes.run(pool, "block" + n, ANVIL.reads().get("block" + n));
            }
            assertEquals(0, outcomes.typedErrors, outcomes.outcomes.toString());
            assertTrue(pool.stats().rejectedAnswers.sum() > 0, "forked answers must have been seen and rejected");
        }
    }

    @Test
    void rangeRefusalsSplitGetLogs() {
        ANVIL.fixture().plans(FaultPlan.always(new Fault(FaultKind.RANGE_REFUSAL, 3)), FaultPlan.always(new Fault(FaultKind.RANGE_REFUSAL, 3)),
                FaultPlan.always(new Fault(FaultKind.RANGE_REFUSAL, 3)));
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            final ReadOutcomes outcomes = new ReadOutcomes();
            outcomes.run(pool, "logs", ANVIL.reads().get("logs"));
            assertEquals(1, outcomes.ok, outcomes.outcomes.toString());
            assertTrue(pool.stats().logSplits.sum() >= 3, "splits: " + pool.stats().logSplits.sum());
            assertNotEquals(0, ANVIL.reads().get("logs").canonical.size());
        }
    }

    @Test
    void throttledUpstreamShrinksItsBudgetAndCoolsDown() {
        ANVIL.fixture().plans(FaultPlan.always(new Fault(FaultKind.HTTP_429, 2)), FaultPlan.none(), FaultPlan.none());
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            final Upstream throttled = pool.upstreams().get(0);
            final int before = throttled.budget().perSecond();
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (int i = 0; i < 6; i++) {
                outcomes.run(pool, "block" + (1 + 2 * i % ANVIL.fixture().head), ANVIL.reads().get("block1"));
                outcomes.run(pool, "chainId", ANVIL.reads().get("chainId"));
            }
            assertEquals(0, outcomes.typedErrors);
            if (throttled.throttledCount() > 0) {
                assertTrue(throttled.budget().perSecond() < before, "budget must shrink on 429");
                assertTrue(throttled.budget().coolingDown(System.currentTimeMillis()), "Retry-After must be honoured");
            }
        }
    }
}
