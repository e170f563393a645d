package space.tokenta.settlement.indexer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.settlement.indexer.cli.IndexerCommand;

/**
 * Hard kill of the indexer mid-commit: the indexer runs in a child JVM ({@code indexer run}),
 * is killed with destroyForcibly at seeded random moments while deposits and reorgs happen, and
 * restarted; at the end the database equals the fold of the canonical chain and no final event
 * comes from an orphaned block or exists twice.
 */
@Timeout(240)
class CrashRestartTest {
    @Test
    void killedChildIndexerResumesToTheCanonicalFold() throws Exception {
        Random random = new Random(8);
        Path log = Files.createTempFile("tokenta-indexer-child", ".log");
        try (EscrowFixture fixture = new EscrowFixture();
             IndexerDatabase db = IndexerDatabase.embedded(Files.createTempDirectory("tokenta-idx-pg"))) {
            fixture.deploy();
            IndexerConfig config = IndexerConfig.defaults(EscrowFixture.CHAIN_ID, fixture.escrow.address(),
                    fixture.deployBlock).withRange(20);
            for (int i = 0; i < 4; i++) {
                fixture.deposit(i % 3, 500 + i);
                fixture.mine(15);
            }
            int kills = 0;
            for (int round = 0; round < 4; round++) {
                Process child = start(fixture, db, config, log);
                try {
                    awaitProgress(db, fixture.head(), child, log);
                    String snapshot = fixture.snapshot();
                    fixture.deposit(round % 3, 1_000 + round);
                    Thread.sleep(200 + random.nextInt(1_200));
                    if (round % 2 == 1) {
                        fixture.revert(snapshot);
                        fixture.mine(2);
                        fixture.deposit((round + 1) % 3, 2_000 + round);
                    }
                    fixture.mine(1 + random.nextInt(4));
                    Thread.sleep(random.nextInt(800));
                } finally {
                    child.destroyForcibly();
                    assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child indexer stopped");
                    kills++;
                }
            }
            Checkpoint afterKills = new IndexerStore(db.dataSource()).checkpoint(EscrowFixture.CHAIN_ID).orElseThrow();
            assertTrue(afterKills.blockNumber() > fixture.deployBlock, "the child indexer committed work: " + afterKills);
            fixture.mine(6);
            InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
            try (IndexerHarness h = new IndexerHarness(fixture, db, config, FinalityRule.depth(2), sink,
                    LogDecoder.escrow(config.contract()), true)) {
                h.catchUp(60_000);
                h.assertMatchesCanonicalFold(false);
                assertTrue(h.store.finalEvents(EscrowFixture.CHAIN_ID).size() >= 4, "final deposits recorded");
            }
            assertTrue(kills == 4);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Waits (bounded) until the child has committed a checkpoint at {@code head}, so each kill hits a working indexer. */
    private static void awaitProgress(IndexerDatabase db, long head, Process child, Path log) throws Exception {
        IndexerStore store = new IndexerStore(db.dataSource());
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            java.util.Optional<Checkpoint> cp = store.checkpoint(EscrowFixture.CHAIN_ID);
            if (cp.isPresent() && cp.get().blockNumber() >= head) {
                return;
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child indexer made no progress to " + head + ": " + Files.readString(log));
    }

    private static Process start(EscrowFixture fixture, IndexerDatabase db, IndexerConfig config, Path log)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                IndexerCommand.class.getName(), "run", "--rpc", fixture.chain.anvil().httpUrl(), "--jdbc", db.jdbcUrl(),
                "--chain-id", Long.toString(config.chainId()), "--contract", config.contract(), "--start-block",
                Long.toString(config.startBlock()), "--finality", "depth:2", "--range", "20", "--max-ms", "60000"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
