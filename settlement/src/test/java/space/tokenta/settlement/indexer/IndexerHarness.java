package space.tokenta.settlement.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.settlement.indexer.fold.CanonicalFold;

/** One indexer over a fixture chain and a database, with the checks every scenario ends with. */
final class IndexerHarness implements AutoCloseable {
    final EscrowFixture fixture;
    final IndexerDatabase db;
    final IndexerStore store;
    final IndexerConfig config;
    final FinalityRule finality;
    final InMemoryFinalEventSink sink;
    final LogDecoder decoder;
    final UpstreamPool pool;
    final PoolBlockSource source;
    final ChainIndexer indexer;

    IndexerHarness(EscrowFixture fixture, IndexerDatabase db, IndexerConfig config, FinalityRule finality,
                   InMemoryFinalEventSink sink, LogDecoder decoder, boolean direct) {
        this.fixture = fixture;
        this.db = db;
        this.store = new IndexerStore(db.dataSource());
        this.config = config;
        this.finality = finality;
        this.sink = sink;
        this.decoder = decoder;
        this.pool = fixture.pool(direct);
        this.source = new PoolBlockSource(pool, config.contract(), finality);
        this.indexer = new ChainIndexer(config, source, store, sink, decoder);
    }

    static void truncate(IndexerDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE indexer_checkpoint, indexer_blocks, escrow_events, deposits, deals, final_events, "
                    + "dead_letters, indexer_alerts");
        }
    }

    /** Runs duty cycles until the checkpoint is the chain head and finality has caught up, or fails. */
    void catchUp(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            int work = indexer.doWork();
            if (indexer.state() == IndexerState.HALTED) {
                return;
            }
            long head = fixture.head();
            Checkpoint cp = store.checkpoint(config.chainId()).orElse(null);
            if (work == 0 && indexer.state() == IndexerState.RUNNING && cp != null && cp.blockNumber() == head
                    && cp.blockHash().equalsIgnoreCase(fixture.rpc("eth_getBlockByNumber",
                    JsonRpcCodec.params(JsonRpcCodec.hex(head), false)).path("hash").asString())
                    && cp.finalNumber() >= finality.finalizedForHead(head)) {
                return;
            }
            if (work == 0) {
                sleep(5);
            }
        }
        throw new AssertionError("indexer did not catch up within " + timeoutMs + " ms: state " + indexer.state()
                + ", last error " + indexer.lastError() + ", checkpoint " + store.checkpoint(config.chainId())
                + ", head " + fixture.head());
    }

    /** The database equals the fold of the canonical chain; no final event from an orphaned block or twice. */
    void assertMatchesCanonicalFold() {
        assertMatchesCanonicalFold(true);
    }

    void assertMatchesCanonicalFold(boolean checkSink) {
        Checkpoint cp = store.checkpoint(config.chainId()).orElseThrow();
        Set<String> dead = deadLetterIds(db, config.chainId());
        CanonicalFold.Folded expected = CanonicalFold.fold(source, LogDecoder.escrow(config.contract()), config.chainId(),
                config.startBlock(), cp.blockNumber(), cp.finalNumber(), dead);
        List<String> differences = CanonicalFold.differences(store, expected, config.chainId(), cp.blockNumber());
        assertEquals(List.of(), differences, "database vs fold of the canonical chain");
        Map<String, Long> finals = store.finalEvents(config.chainId());
        for (Map.Entry<String, Long> e : finals.entrySet()) {
            String canonical = fixture.rpc("eth_getBlockByNumber",
                    JsonRpcCodec.params(JsonRpcCodec.hex(e.getValue()), false)).path("hash").asString();
            assertTrue(e.getKey().contains(canonical.toLowerCase()), "final event " + e.getKey() + " from an orphaned block");
            assertTrue(e.getValue() <= cp.finalNumber(), "final event above the final block");
        }
        long expectedFinal = expected.deposits().values().stream().filter(DepositRow::isFinal).count();
        assertEquals(expectedFinal, finals.size(), "one final event per final canonical deposit");
        if (!checkSink) {
            return;
        }
        assertEquals(List.of(), sink.duplicates(), "no deposit credited twice");
        for (String id : sink.accepted().keySet()) {
            assertTrue(finals.containsKey(id), "credited " + id + " which is not a final canonical deposit");
        }
        assertEquals(finals.keySet(), sink.accepted().keySet(), "every final deposit delivered");
    }

    static Set<String> deadLetterIds(IndexerDatabase db, long chainId) {
        Set<String> out = new HashSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT block_hash, log_index FROM dead_letters WHERE NOT replayed AND chain_id = " + chainId)) {
            while (r.next()) {
                out.add(EventRow.chainEventId(chainId, r.getString(1), r.getInt(2)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
