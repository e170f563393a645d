package space.tokenta.settlement.indexer;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import space.tokenta.chain.config.FinalityRule;

/**
 * Prints backfill blocks/s and events/s over a pre-mined local history and the head latency after
 * finality (new block mined → its deposit delivered to the sink). Runs only with -Dtokenta.bench=true;
 * asserts nothing about speed.
 */
@EnabledIfSystemProperty(named = "tokenta.bench", matches = "true")
class IndexerBenchmark {
    @Test
    void backfillAndHeadLatency() throws Exception {
        int deposits = Integer.getInteger("tokenta.bench.deposits", 200);
        int gapBlocks = Integer.getInteger("tokenta.bench.gap", 100);
        try (EscrowFixture fixture = new EscrowFixture();
             IndexerDatabase db = IndexerDatabase.embedded(Files.createTempDirectory("tokenta-idx-bench"))) {
            fixture.deploy();
            for (int i = 0; i < deposits; i++) {
                fixture.deposit(i % 3, 1_000 + i);
                fixture.mine(gapBlocks);
            }
            long head = fixture.head();
            IndexerConfig config = IndexerConfig.defaults(EscrowFixture.CHAIN_ID, fixture.escrow.address(),
                    fixture.deployBlock).withRange(5_000);
            InMemoryFinalEventSink sink = new InMemoryFinalEventSink();
            try (IndexerHarness h = new IndexerHarness(fixture, db, config, FinalityRule.depth(2), sink,
                    LogDecoder.escrow(config.contract()), true)) {
                long t0 = System.nanoTime();
                h.catchUp(600_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long blocks = head - fixture.deployBlock + 1;
                System.out.printf("backfill: %d blocks, %d events in %.2f s = %.0f blocks/s, %.0f events/s%n", blocks,
                        h.indexer.metrics().events.get(), seconds, blocks / seconds, h.indexer.metrics().events.get() / seconds);
                long[] latenciesMs = new long[20];
                for (int i = 0; i < latenciesMs.length; i++) {
                    fixture.deposit(i % 3, 9_000 + i);
                    int before = sink.accepted().size();
                    long start = System.nanoTime();
                    fixture.mine(2);
                    while (sink.accepted().size() == before) {
                        h.indexer.doWork();
                    }
                    latenciesMs[i] = (System.nanoTime() - start) / 1_000_000;
                }
                java.util.Arrays.sort(latenciesMs);
                System.out.printf("head latency after finality (depth 2, final block mined -> sink): p50 %d ms, p99 %d ms, max %d ms%n",
                        latenciesMs[latenciesMs.length / 2], latenciesMs[latenciesMs.length - 1], latenciesMs[latenciesMs.length - 1]);
                h.assertMatchesCanonicalFold();
            }
        }
    }
}
