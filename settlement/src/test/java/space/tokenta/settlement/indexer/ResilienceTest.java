package space.tokenta.settlement.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import space.tokenta.chain.escrow.EscrowEvent;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.settlement.indexer.deadletter.DeadLetter;
import space.tokenta.settlement.indexer.deadletter.DeadLetterReplayer;

/**
 * Database restart under a running indexer, RPC faults from the fault proxy, dead letters and their
 * replay, and a backfill in ranges resumed from its checkpoint.
 */
@Timeout(180)
class ResilienceTest extends IndexerTestBed {
    @BeforeEach
    void fresh() throws Exception {
        fixture.chain.proxies().get(0).plan(FaultPlan.none());
        IndexerHarness.truncate(db);
        fixture.deploy();
    }

    IndexerHarness harness(IndexerConfig config, InMemoryFinalEventSink sink, LogDecoder decoder) {
        return new IndexerHarness(fixture, db, config, DEPTH_4, sink, decoder, false);
    }

    IndexerConfig config() {
        return IndexerConfig.defaults(EscrowFixture.CHAIN_ID, fixture.escrow.address(), fixture.deployBlock);
    }

    @Test
    void databaseRestartUnderTheRunningIndexer() throws Exception {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        try (IndexerHarness h = harness(config(), sink, LogDecoder.escrow(fixture.escrow.address()))) {
            fixture.deposit(0, 1_000_000);
            h.catchUp(20_000);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread loop = new Thread(() -> {
                while (running.get()) {
                    if (h.indexer.doWork() == 0) {
                        IndexerHarness.sleep(2);
                    }
                }
            }, "indexer");
            loop.start();
            try {
                fixture.deposit(1, 2_000_000);
                db.stopServer();
                fixture.deposit(2, 3_000_000);
                fixture.mine(3);
                IndexerHarness.sleep(1_500);
                assertTrue(h.indexer.metrics().failedCycles.get() > 0, "cycles failed while the database was down");
                db.startServer();
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    try {
                        Optional<Checkpoint> cp = h.store.checkpoint(EscrowFixture.CHAIN_ID);
                        if (cp.isPresent() && cp.get().blockNumber() == fixture.head()) {
                            break;
                        }
                    } catch (IndexerStore.StoreException notYet) {
                        // the server is still coming up
                    }
                    IndexerHarness.sleep(20);
                }
            } finally {
                running.set(false);
                loop.join(10_000);
            }
            fixture.mine(5);
            h.catchUp(30_000);
            h.assertMatchesCanonicalFold();
            assertEquals(3, sink.accepted().size());
        }
    }

    @Test
    void rpcFaultsFromTheFaultProxy() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        for (int i = 0; i < 6; i++) {
            fixture.deposit(i % 3, 10_000 + i);
            fixture.mine(7);
        }
        fixture.chain.proxies().get(0).plan(FaultPlan.seeded(42, 25, Set.of(FaultKind.HTTP_5XX, FaultKind.RPC_ERROR,
                FaultKind.HTTP_429, FaultKind.RANGE_REFUSAL, FaultKind.SLOW, FaultKind.STALE_HEAD)));
        try (IndexerHarness h = harness(config().withRange(16), sink, LogDecoder.escrow(fixture.escrow.address()))) {
            h.catchUp(120_000);
            String snapshot = fixture.snapshot();
            fixture.deposit(0, 777);
            for (int i = 0; i < 20; i++) {
                h.indexer.doWork();
            }
            fixture.revert(snapshot);
            fixture.mine(2);
            fixture.deposit(1, 888);
            fixture.mine(5);
            h.catchUp(120_000);
            assertTrue(h.indexer.metrics().failedCycles.get() > 0, "faults were hit");
            assertTrue(fixture.chain.proxies().get(0).trace().size() > 0);
            fixture.chain.proxies().get(0).plan(FaultPlan.none());
            h.assertMatchesCanonicalFold();
            assertEquals(7, sink.accepted().size());
        }
    }

    @Test
    void failingEventGoesToTheDeadLettersAfterBoundedRetriesAndReplays() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        String poisonTx = fixture.escrow.as(fixture.sender(fixture.users.get(0)))
                .deposit(fixture.token.address(), java.math.BigInteger.valueOf(123)).getTransactionHash();
        fixture.deposit(1, 456);
        AtomicBoolean broken = new AtomicBoolean(true);
        LogDecoder real = LogDecoder.escrow(fixture.escrow.address());
        LogDecoder flaky = log -> {
            if (broken.get() && log.getTransactionHash().equalsIgnoreCase(poisonTx)) {
                throw new IllegalArgumentException("simulated malformed log");
            }
            return real.decode(log);
        };
        try (IndexerHarness h = harness(config(), sink, flaky)) {
            h.catchUp(20_000);
            List<DeadLetter> letters = DeadLetterReplayer.list(db.dataSource(), EscrowFixture.CHAIN_ID, false);
            assertEquals(1, letters.size(), letters.toString());
            assertEquals(h.config.maxEventAttempts(), letters.get(0).attempts());
            assertTrue(letters.get(0).reason().contains("simulated malformed log"), letters.get(0).reason());
            h.assertMatchesCanonicalFold();
            assertEquals(1, h.store.deposits(EscrowFixture.CHAIN_ID, Long.MAX_VALUE).size(), "the other deposit went on");

            DeadLetterReplayer replayer = new DeadLetterReplayer(db.dataSource(), h.source, flaky);
            assertEquals(new DeadLetterReplayer.ReplayResult(0, 1, 0), replayer.replay(EscrowFixture.CHAIN_ID));
            assertEquals(h.config.maxEventAttempts() + 1,
                    DeadLetterReplayer.list(db.dataSource(), EscrowFixture.CHAIN_ID, false).get(0).attempts());
            broken.set(false);
            assertEquals(new DeadLetterReplayer.ReplayResult(1, 0, 0), replayer.replay(EscrowFixture.CHAIN_ID));
            assertEquals(List.of(), DeadLetterReplayer.list(db.dataSource(), EscrowFixture.CHAIN_ID, false));
            fixture.mine(5);
            h.catchUp(20_000);
            h.assertMatchesCanonicalFold();
            assertEquals(2, sink.accepted().size(), "the replayed deposit is credited once final");
            assertTrue(sink.accepted().values().stream().anyMatch(c -> c.amount().longValue() == 123));
        }
    }

    @Test
    void backfillInRangesResumesFromItsCheckpoint() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        for (int i = 0; i < 8; i++) {
            fixture.deposit(i % 3, 1_000 + i);
            fixture.mine(60);
        }
        long total = fixture.head() - fixture.deployBlock + 1;
        IndexerConfig config = config().withRange(50);
        long firstRun;
        try (IndexerHarness h = harness(config, sink, LogDecoder.escrow(fixture.escrow.address()))) {
            for (int i = 0; i < 4; i++) {
                h.indexer.doWork();
            }
            firstRun = h.indexer.metrics().blocks.get();
            assertTrue(firstRun > 0 && firstRun < total, "part of the history: " + firstRun + " of " + total);
        }
        try (IndexerHarness h = harness(config, sink, LogDecoder.escrow(fixture.escrow.address()))) {
            h.catchUp(30_000);
            assertEquals(total - firstRun, h.indexer.metrics().blocks.get(), "resumed where the first run committed");
            h.assertMatchesCanonicalFold();
            assertEquals(8, sink.accepted().size());
            assertTrue(h.store.events(EscrowFixture.CHAIN_ID, Long.MAX_VALUE).values().stream()
                    .allMatch(e -> e.kind().equals(EscrowEvent.Deposited.class.getSimpleName())));
        }
    }
}
