package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.fault.Fault;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import tools.jackson.databind.JsonNode;

/** All fault kinds mixed at random with a seed; the same seed replays the same fault and decision trace. */
class SeededChaosTest {
    @RegisterExtension
    static final AnvilPerClass ANVIL = new AnvilPerClass(3);

    private static void seededPlans(final long seed, final int percent, final EnumSet<FaultKind> kinds,
                                    final java.util.function.Function<FaultKind, Fault> params) {
        ANVIL.fixture().plans(FaultPlan.seeded(seed, percent, kinds, params), FaultPlan.seeded(seed + 1, percent, kinds, params),
                FaultPlan.seeded(seed + 2, percent, kinds, params));
    }

    @Test
    void mixedFaultsLeaveEveryReadCanonicalOrTypedWithinDeadline() {
        for (final long seed : new long[] {7, 1234}) {
            seededPlans(seed, 30, EnumSet.complementOf(EnumSet.of(FaultKind.NONE, FaultKind.WS_DROP)),
                    k -> k == FaultKind.HANG ? new Fault(k, 3_000) : k == FaultKind.HTTP_429 ? new Fault(k, 0) : Fault.typical(k));
            try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
                AnvilFixture.warm(pool);
                final ReadOutcomes outcomes = new ReadOutcomes();
                final List<String> names = new ArrayList<>(ANVIL.reads().keySet());
                final SplittableRandom order = new SplittableRandom(seed);
                for (int i = 0; i < 60; i++) {
                    if (i % 15 == 0) {
                        pool.probeNow().join();
                    }
                    final String name = names.get(order.nextInt(names.size()));
                    outcomes.run(pool, name, ANVIL.reads().get(name));
                }
                // With 30 % faults per upstream and retries, most reads must still succeed.
                assertTrue(outcomes.ok >= 45, "seed " + seed + ": " + outcomes.outcomes);
            }
        }
    }

    @Test
    void concurrentReadsUnderChaosKeepTheInvariant() throws Exception {
        seededPlans(99, 25, EnumSet.of(FaultKind.SLOW, FaultKind.HTTP_5XX, FaultKind.RPC_ERROR, FaultKind.WRONG_FORK, FaultKind.STALE_HEAD),
                Fault::typical);
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            final List<CompletableFuture<Void>> all = new ArrayList<>();
            final List<String> names = new ArrayList<>(ANVIL.reads().keySet());
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (int t = 0; t < 4; t++) {
                final int offset = t;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 12; i++) {
                        final String name = names.get((offset * 7 + i * 3) % names.size());
                        synchronized (outcomes) {
                            // assertions inside; outcome counters are not thread-safe
                        }
                        final ReadOutcomes mine = new ReadOutcomes();
                        mine.run(pool, name, ANVIL.reads().get(name));
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
    }

    private List<String> replayRun(final long seed) {
        seededPlans(seed, 30, EnumSet.of(FaultKind.HTTP_429, FaultKind.HTTP_5XX, FaultKind.RPC_ERROR, FaultKind.STALE_HEAD,
                FaultKind.WRONG_FORK, FaultKind.RANGE_REFUSAL), k -> k == FaultKind.HTTP_429 ? new Fault(k, 0) : Fault.typical(k));
        // no hedging and one latency bucket wider than the deadline: routing depends on faults, not timing
        final RpcPolicy policy = AnvilFixture.testPolicy().hedge(false).breaker(50, 10, 5, 60_000)
                .latencyBucketMicros(60_000_000).build();
        final DecisionTrace trace = new DecisionTrace(10_000);
        final List<String> outcomes = new ArrayList<>();
        try (UpstreamPool pool = ANVIL.fixture().pool(policy, trace)) {
            AnvilFixture.warm(pool);
            final ReadOutcomes checker = new ReadOutcomes();
            for (final Map.Entry<String, AnvilFixture.ReadCase> e : ANVIL.reads().entrySet()) {
                if (!e.getValue().consensus && !e.getValue().method.equals("eth_getLogs")) {
                    checker.run(pool, e.getKey(), e.getValue());
                }
            }
            outcomes.addAll(checker.outcomes);
            outcomes.addAll(trace.snapshot());
        }
        for (final FaultProxy p : ANVIL.fixture().proxies()) {
            // Concurrent requests with different keys may arrive in either order; per key the sequence is fixed.
            p.trace().stream().sorted().forEach(entry -> outcomes.add(p.name() + " " + entry));
        }
        return outcomes;
    }

    @Test
    void sameSeedReplaysTheSameFaultAndDecisionTrace() {
        final List<String> first = replayRun(42);
        final List<String> second = replayRun(42);
        assertEquals(first, second);
        assertTrue(first.stream().anyMatch(s -> s.contains("HTTP_5XX") || s.contains("RPC_ERROR")), "faults were injected");
        final List<String> other = replayRun(43);
        assertFalse(first.equals(other), "a different seed gives a different run");
    }

    @Test
    void faultPlansArePureFunctionsOfSeedKeyAndIndex() {
        final FaultPlan a = FaultPlan.seeded(5, 40, EnumSet.allOf(FaultKind.class));
        final FaultPlan b = FaultPlan.seeded(5, 40, EnumSet.allOf(FaultKind.class));
        int faults = 0;
        for (long n = 0; n < 500; n++) {
            final Fault fa = a.decide("eth_call", n);
            assertEquals(fa, b.decide("eth_call", n));
            if (fa.kind() != FaultKind.NONE) {
                faults++;
            }
        }
        assertTrue(faults > 120 && faults < 280, "about 40 % faulty: " + faults);
    }

    static JsonNode unused() {
        return null;
    }
}
