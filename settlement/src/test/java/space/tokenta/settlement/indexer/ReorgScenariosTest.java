package space.tokenta.settlement.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import space.tokenta.chain.config.FinalityRule;

/**
 * The reliability catalogue against a real anvil and a real PostgreSQL: a reorg that removes a
 * deposit (snapshot/revert and anvil_reorg), a reorg deeper than the window, a reorg while the
 * indexer is down, three reorgs in quick succession. After each the database equals the fold of the
 * canonical chain and no deposit is credited twice or from an orphaned block.
 */
@Timeout(120)
class ReorgScenariosTest extends IndexerTestBed {
    @BeforeEach
    void fresh() throws Exception {
        IndexerHarness.truncate(db);
        fixture.deploy();
    }

    IndexerHarness harness(int window, FinalityRule finality, InMemoryFinalEventSink sink) {
        IndexerConfig config = IndexerConfig.defaults(EscrowFixture.CHAIN_ID, fixture.escrow.address(), fixture.deployBlock)
                .withWindow(window);
        return new IndexerHarness(fixture, db, config, finality, sink, LogDecoder.escrow(config.contract()), false);
    }

    static boolean hasDepositIn(IndexerHarness h, String blockHash) {
        return h.store.deposits(EscrowFixture.CHAIN_ID, Long.MAX_VALUE).keySet().stream()
                .anyMatch(id -> id.contains(blockHash.toLowerCase()));
    }

    @Test
    void reorgThatRemovesADepositRollsItBackBeforeItIsCredited() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        try (IndexerHarness h = harness(32, DEPTH_4, sink)) {
            String kept = fixture.deposit(0, 1_000_000);
            h.catchUp(20_000);
            h.assertMatchesCanonicalFold();

            String snapshot = fixture.snapshot();
            String orphan = fixture.deposit(1, 2_000_000);
            h.catchUp(20_000);
            assertTrue(hasDepositIn(h, orphan), "deposit indexed before the reorg");

            fixture.revert(snapshot);
            fixture.mine(2);
            String replacement = fixture.deposit(2, 3_000_000);
            h.catchUp(20_000);
            assertFalse(hasDepositIn(h, orphan), "orphaned deposit rolled back");
            assertTrue(hasDepositIn(h, replacement));
            assertTrue(h.indexer.metrics().reorgs.get() >= 1, "reorg counted");
            h.assertMatchesCanonicalFold();

            // anvil_reorg: the last block is replaced by an empty one, the deposit in it vanishes
            String reorged = fixture.deposit(0, 4_000_000);
            h.catchUp(20_000);
            assertTrue(hasDepositIn(h, reorged));
            fixture.reorgEmpty(1);
            h.catchUp(20_000);
            assertFalse(hasDepositIn(h, reorged), "anvil_reorg removed the deposit");
            h.assertMatchesCanonicalFold();

            fixture.mine(6);
            h.catchUp(20_000);
            h.assertMatchesCanonicalFold();
            assertTrue(sink.accepted().keySet().stream().anyMatch(id -> id.contains(kept.toLowerCase())));
            assertTrue(sink.accepted().keySet().stream().anyMatch(id -> id.contains(replacement.toLowerCase())));
            assertEquals(2, sink.accepted().size(), "exactly the two canonical deposits credited");
        }
    }

    @Test
    void reorgDeeperThanTheWindowHaltsWithAnAlertAndChangesNothing() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        try (IndexerHarness h = harness(8, FinalityRule.depth(64), sink)) {
            String snapshot = fixture.snapshot();
            String deposit = fixture.deposit(0, 5_000_000);
            fixture.mine(12);
            h.catchUp(20_000);
            Checkpoint before = h.store.checkpoint(EscrowFixture.CHAIN_ID).orElseThrow();
            Map<String, DepositRow> depositsBefore = h.store.deposits(EscrowFixture.CHAIN_ID, Long.MAX_VALUE);

            fixture.revert(snapshot);
            fixture.mine(15);
            long deadline = System.currentTimeMillis() + 20_000;
            while (h.indexer.state() != IndexerState.HALTED && System.currentTimeMillis() < deadline) {
                h.indexer.doWork();
                IndexerHarness.sleep(5);
            }
            assertEquals(IndexerState.HALTED, h.indexer.state(), "halted, last error " + h.indexer.lastError());
            assertEquals(1, h.indexer.metrics().halts.get());
            assertTrue(h.store.alerts(EscrowFixture.CHAIN_ID).stream().anyMatch(a -> a.contains("deeper than the window")),
                    h.store.alerts(EscrowFixture.CHAIN_ID).toString());
            Checkpoint after = h.store.checkpoint(EscrowFixture.CHAIN_ID).orElseThrow();
            assertEquals(IndexerState.HALTED, after.state());
            assertEquals(before.blockNumber(), after.blockNumber(), "no guess: checkpoint unchanged");
            assertEquals(before.blockHash(), after.blockHash());
            assertEquals(depositsBefore, h.store.deposits(EscrowFixture.CHAIN_ID, Long.MAX_VALUE), "rows unchanged");
            assertTrue(hasDepositIn(h, deposit));
            assertEquals(0, h.indexer.doWork(), "a halted indexer does nothing");
            assertEquals(Map.of(), sink.accepted(), "nothing credited");
        }
    }

    @Test
    void reorgWhileTheIndexerIsDownIsFoundOnRestart() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        String orphan;
        String snapshot;
        try (IndexerHarness h = harness(32, DEPTH_4, sink)) {
            fixture.deposit(0, 1_000_000);
            fixture.mine(5);
            snapshot = fixture.snapshot();
            orphan = fixture.deposit(1, 7_000_000);
            fixture.mine(1);
            h.catchUp(20_000);
            assertTrue(hasDepositIn(h, orphan));
        }
        // down: the branch with the deposit is replaced by a longer one
        fixture.revert(snapshot);
        fixture.mine(1);
        String replacement = fixture.deposit(2, 8_000_000);
        fixture.mine(2);
        try (IndexerHarness h = harness(32, DEPTH_4, sink)) {
            h.catchUp(20_000);
            assertFalse(hasDepositIn(h, orphan), "orphan rolled back after restart");
            assertTrue(hasDepositIn(h, replacement));
            assertEquals(1, h.indexer.metrics().reorgs.get());
            fixture.mine(5);
            h.catchUp(20_000);
            h.assertMatchesCanonicalFold();
        }
    }

    @Test
    void threeReorgsInQuickSuccession() {
        InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
        try (IndexerHarness h = harness(32, DEPTH_4, sink)) {
            fixture.deposit(0, 1_000_000);
            h.catchUp(20_000);
            long startMs = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                String snapshot = fixture.snapshot();
                String orphan = fixture.deposit(i % 3, 100_000 + i);
                fixture.withdraw(0, 10 + i);
                for (int c = 0; c < 4; c++) {
                    h.indexer.doWork();
                }
                fixture.revert(snapshot);
                if (i == 1) {
                    fixture.rollback(1);
                }
                fixture.mine(1 + i);
                fixture.deposit((i + 1) % 3, 200_000 + i);
                Optional<Checkpoint> cp = h.store.checkpoint(EscrowFixture.CHAIN_ID);
                assertTrue(cp.isPresent());
                assertFalse(orphan.isEmpty());
            }
            h.catchUp(20_000);
            assertTrue(System.currentTimeMillis() - startMs < 12_000 + 20_000);
            h.assertMatchesCanonicalFold();
            fixture.mine(5);
            h.catchUp(20_000);
            h.assertMatchesCanonicalFold();
            // anvil_rollback in round 1 also removed round 0's replacement: first deposit + replacements 1 and 2
            assertEquals(3, sink.accepted().size(), "the canonical deposits only");
        }
    }
}
