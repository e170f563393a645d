package space.tokenta.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.devchain.PoolDeployer;
import space.tokenta.chain.fault.Fault;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import space.tokenta.chain.health.UpstreamState;
import space.tokenta.chain.status.ChainStatus;
import tools.jackson.databind.JsonNode;

class FailoverAndSendsTest {
    @RegisterExtension
    static final AnvilPerClass ANVIL = new AnvilPerClass(3);

    @Test
    void hangingPrimaryIsHedgedAroundAndProbedOut() throws Exception {
        ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
        final RpcPolicy policy = AnvilFixture.testPolicy().probeIntervalMs(100).build();
        final DecisionTrace trace = new DecisionTrace(10_000);
        try (UpstreamPool pool = ANVIL.fixture().pool(policy, trace).start()) {
            // warm latencies so hedging uses the adaptive (p90) delay
            for (int i = 0; i < 40; i++) {
                pool.call("eth_getBalance", ANVIL.fixture().accounts.get(0), JsonRpcCodec.hex(i % ANVIL.fixture().head)).get(5, TimeUnit.SECONDS);
            }
            final Upstream primary = pool.ranked("eth_getBlockByNumber", Set.of()).get(0);
            final FaultProxy proxy = ANVIL.fixture().proxies().get(Integer.parseInt(primary.id().substring(primary.id().length() - 1)) - 1);
            final long hangAtNs = System.nanoTime();
            proxy.plan(FaultPlan.always(new Fault(FaultKind.HANG, 5_000)));
            long worstMs = 0;
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (int i = 0; i < 20; i++) {
                final long t0 = System.nanoTime();
                outcomes.run(pool, "block" + (1 + 2 * (i % 6)), ANVIL.reads().get("block" + (1 + 2 * (i % 6))));
                worstMs = Math.max(worstMs, (System.nanoTime() - t0) / 1_000_000);
            }
            assertEquals(0, outcomes.typedErrors, outcomes.outcomes.toString());
            // fail-over bound: within one attempt timeout (the hedge fires by hedgeMaxDelayMs, well before)
            assertTrue(worstMs <= policy.attemptTimeoutMs() + ReadOutcomes.SLACK_MS, "worst read " + worstMs + " ms " + trace.snapshot());
            assertTrue(pool.stats().hedgeWins.sum() > 0 || primary.health().state() == UpstreamState.QUARANTINED,
                    "the hung primary was hedged around: " + pool.stats().snapshot());
            // out of rotation within quarantineAfterFailures probe rounds (+ the probe timeout)
            final long boundMs = policy.quarantineAfterFailures() * (policy.probeIntervalMs() + policy.probeTimeoutMs()) + 1_000;
            while (primary.health().state() == UpstreamState.ACTIVE && (System.nanoTime() - hangAtNs) / 1_000_000 < boundMs + 2_000) {
                Thread.sleep(20);
            }
            final long outAfterMs = (System.nanoTime() - hangAtNs) / 1_000_000;
            assertEquals(UpstreamState.QUARANTINED, primary.health().state());
            assertTrue(outAfterMs <= boundMs, "quarantined after " + outAfterMs + " ms, bound " + boundMs);
            final ChainStatus status = pool.status();
            assertEquals(2, status.online());
            assertEquals(3, status.total());
            assertEquals(JsonRpcCodec.quantity(ANVIL.fixture().direct("eth_blockNumber", JsonRpcCodec.params())), status.headBlock());
            // healed: probed back in
            proxy.plan(FaultPlan.none());
            final long healAt = System.nanoTime();
            while (primary.health().state() != UpstreamState.ACTIVE && (System.nanoTime() - healAt) / 1_000_000 < 5_000) {
                Thread.sleep(20);
            }
            assertEquals(UpstreamState.ACTIVE, primary.health().state());
        }
    }

    @Test
    void deadUpstreamFailsOverAtOnce() throws Exception {
        ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
        final RpcPolicy policy = AnvilFixture.testPolicy().hedge(false).build();
        try (UpstreamPool pool = ANVIL.fixture().pool(policy, DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            // a fourth upstream nobody listens on: connection refused
            final int deadPort = new java.net.ServerSocket(0).getLocalPort();
            pool.addUpstream(UpstreamConfig.http("dead", "http://127.0.0.1:" + deadPort + "/"));
            pool.probeNow().join();
            assertEquals(UpstreamState.QUARANTINED, pool.find("dead").health().state());
            // force it into rotation as if it had just died: requests still succeed via retries
            pool.find("dead").health().state(UpstreamState.ACTIVE, "test");
            pool.find("dead").health().onSuccess(1);
            final ReadOutcomes outcomes = new ReadOutcomes();
            for (int i = 0; i < 10; i++) {
                outcomes.run(pool, "receipt0", ANVIL.reads().get("receipt0"));
                outcomes.run(pool, "balance", ANVIL.reads().get("balance"));
            }
            assertEquals(0, outcomes.typedErrors);
            assertTrue(pool.removeUpstream("dead"));
            assertFalse(pool.removeUpstream("dead"));
            assertEquals(3, pool.upstreams().size());
            assertThrows(IllegalArgumentException.class, () -> pool.addUpstream(ANVIL.fixture().chain.upstreams(false).get(0)));
        }
    }

    @Test
    void identicalInFlightReadsShareOneCall() throws Exception {
        final FaultPlan slowBalances = FaultPlan.always(new Fault(FaultKind.SLOW, 300), "eth_getBalance");
        ANVIL.fixture().plans(slowBalances, slowBalances, slowBalances);
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().hedge(false).cacheMaxEntries(0).build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            assertEquals(3, pool.status().online(), pool.status().toString());
            ANVIL.fixture().proxies().forEach(FaultProxy::clearTrace);
            final List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                calls.add(pool.call("eth_getBalance", ANVIL.fixture().accounts.get(1), JsonRpcCodec.hex(ANVIL.fixture().head)));
            }
            for (final CompletableFuture<JsonNode> c : calls) {
                assertEquals(ANVIL.reads().get("balance").canonical, c.get(5, TimeUnit.SECONDS));
            }
            final long seen = ANVIL.fixture().proxies().stream().mapToLong(p -> p.trace().stream().filter(t -> t.startsWith("eth_getBalance")).count()).sum();
            assertEquals(1, seen, "25 identical reads -> one upstream call");
            assertEquals(24, pool.stats().dedupHits.sum());
        }
    }

    @Test
    void finalizedAnswersAreCachedAndReorgsEvictThem() throws Exception {
        ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            // the current head: other tests of this class mine blocks on the shared chain
            final long head = JsonRpcCodec.quantity(ANVIL.fixture().direct("eth_blockNumber", JsonRpcCodec.params()));
            assertEquals(head - 2, pool.finalizedHead(), "dev chains: depth 2");
            pool.call("eth_getBlockByNumber", JsonRpcCodec.hex(1), false).get(5, TimeUnit.SECONDS);
            pool.call("eth_getBlockByNumber", JsonRpcCodec.hex(1), false).get(5, TimeUnit.SECONDS);
            assertEquals(1, pool.stats().cacheHits.sum());
            pool.onReorg(1);
            pool.call("eth_getBlockByNumber", JsonRpcCodec.hex(1), false).get(5, TimeUnit.SECONDS);
            assertEquals(1, pool.stats().cacheHits.sum(), "evicted by the reorg");
        }
    }

    @Test
    void concurrentSendsGetDistinctNoncesAndAllMine() throws Exception {
        ANVIL.fixture().plans(FaultPlan.none(), FaultPlan.none(), FaultPlan.none());
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            // anvil's second dev account, so the fixture's account 0 history does not matter
            final Credentials sender = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
            final EvmTxSender txs = new EvmTxSender(pool);
            final List<CompletableFuture<String>> sends = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sends.add(txs.send(sender, ANVIL.fixture().accounts.get(2), BigInteger.valueOf(1000 + i), null, BigInteger.valueOf(21_000),
                        BigInteger.valueOf(2_000_000_000L)));
            }
            final PoolDeployer receipts = PoolDeployer.withAnvilKey(pool);
            final Set<Long> nonces = new HashSet<>();
            for (final CompletableFuture<String> s : sends) {
                final String hash = s.get(10, TimeUnit.SECONDS);
                assertEquals("0x1", receipts.receipt(hash, System.nanoTime() + 10_000_000_000L).get(15, TimeUnit.SECONDS).path("status").asString());
                nonces.add(JsonRpcCodec.quantity(ANVIL.fixture().direct("eth_getTransactionByHash", JsonRpcCodec.params(hash)).path("nonce")));
            }
            assertEquals(12, nonces.size());
            // a rejected send (value beyond the balance) is a typed error and releases its nonce
            final ExecutionException rejected = assertThrows(ExecutionException.class, () -> txs.send(sender, ANVIL.fixture().accounts.get(2),
                    new BigInteger("1000000000000000000000000000"), null, BigInteger.valueOf(21_000), BigInteger.valueOf(2_000_000_000L))
                    .get(10, TimeUnit.SECONDS));
            assertTrue(rejected.getCause() instanceof RpcException, String.valueOf(rejected.getCause()));
            final String next = txs.send(sender, ANVIL.fixture().accounts.get(2), BigInteger.ONE, null, BigInteger.valueOf(21_000),
                    BigInteger.valueOf(2_000_000_000L)).get(10, TimeUnit.SECONDS);
            assertEquals("0x1", receipts.receipt(next, System.nanoTime() + 10_000_000_000L).get(15, TimeUnit.SECONDS).path("status").asString());
        }
    }

    @Test
    void badRequestsFailTypedAndChangeNothing() {
        try (UpstreamPool pool = ANVIL.fixture().pool(AnvilFixture.testPolicy().build(), DecisionTrace.disabled())) {
            AnvilFixture.warm(pool);
            final ExecutionException e = assertThrows(ExecutionException.class, () -> pool.call("eth call!", JsonRpcCodec.params()).get());
            assertEquals(RpcErrorKind.BAD_REQUEST, ((RpcException) e.getCause()).kind());
            final ExecutionException big = assertThrows(ExecutionException.class,
                    () -> pool.call("eth_call", JsonRpcCodec.params("x".repeat(2 << 20))).get());
            assertEquals(RpcErrorKind.BAD_REQUEST, ((RpcException) big.getCause()).kind());
            final ExecutionException revert = assertThrows(ExecutionException.class,
                    () -> pool.call("eth_getBlockByNumber", JsonRpcCodec.params("nonsense", false)).get(5, TimeUnit.SECONDS));
            assertEquals(RpcErrorKind.RPC_ERROR, ((RpcException) revert.getCause()).kind());
            assertEquals(1, pool.stats().failures(RpcErrorKind.RPC_ERROR), "only the request that reached a node is counted");
        }
    }
}
