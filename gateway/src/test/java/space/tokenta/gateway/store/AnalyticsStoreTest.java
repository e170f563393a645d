package space.tokenta.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.port.ReadModels.EscrowStats;
import space.tokenta.gateway.port.ReadModels.TradeStats;
import space.tokenta.gateway.port.ReadModels.VerificationStats;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;

/**
 * The analytics queries of {@link StoreReadModels} on a real PostgreSQL against a reference model: seeded
 * random trades, escrows and verification runs, each figure recomputed in plain Java from the same rows.
 */
class AnalyticsStoreTest {
    static final long T0_NS = 1_700_000_000_000_000_000L;
    static final List<String> STATES = List.of("OPENING", "OPEN", "DELIVERED", "DISPUTED", "RELEASED", "REFUNDED");
    static Path dir;
    static StoreDatabase db;
    static StoreReadModels models;

    record Trade(int instrumentId, long tradeId, long priceTicks, long quantityLots, long tradeNs) {
    }

    record Escrow(String id, int instrumentId, long amount, String state, long openedNs, long updatedNs) {
    }

    record Run(String escrowId, String symbol, String outcome, long startedMs) {
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tokenta-analytics-");
        db = StoreDatabase.open(DatabaseConfig.embedded(dir.resolve("postgres")));
        models = new StoreReadModels(db.dataSource(), () -> 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (models != null) {
            models.close();
        }
        if (db != null) {
            db.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void withoutSettlementOrVerificationTablesThoseFiguresAreAbsent() throws Exception {
        exec("DROP TABLE IF EXISTS verification_runs");
        assertEquals(Optional.empty(), models.verificationStats(1, "GPT-FT-04", 0, Long.MAX_VALUE / 2));
        exec("ALTER TABLE escrows RENAME TO escrows_hidden");
        try {
            assertEquals(Optional.empty(), models.escrowStats(1, 0, Long.MAX_VALUE));
        } finally {
            exec("ALTER TABLE escrows_hidden RENAME TO escrows");
        }
        assertTrue(models.escrowStats(1, 0, Long.MAX_VALUE).isPresent());
    }

    @Test
    void seededRandomRowsGiveTheReferenceFigures() throws Exception {
        exec("CREATE TABLE IF NOT EXISTS verification_runs (run_id BIGSERIAL PRIMARY KEY, escrow_id TEXT NOT NULL,"
                + " chain_id BIGINT NOT NULL, deal_id TEXT, symbol TEXT, asset_class TEXT NOT NULL, seller_account BIGINT,"
                + " buyer_account BIGINT, outcome TEXT NOT NULL, failed_stage TEXT, stages JSONB NOT NULL,"
                + " evidence_cid TEXT, signatures INT NOT NULL DEFAULT 0, quorum INT NOT NULL,"
                + " started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ)");
        for (long seed = 1; seed <= 12; seed++) {
            final Random random = new Random(seed);
            exec("TRUNCATE trades, escrows, verification_runs");
            final List<Trade> trades = new ArrayList<>();
            final List<Escrow> escrows = new ArrayList<>();
            final List<Run> runs = new ArrayList<>();
            final int tradeCount = random.nextInt(0, 400);
            for (int k = 0; k < tradeCount; k++) {
                trades.add(new Trade(1 + random.nextInt(2), k + 1, random.nextLong(1, 5_000_000_000_000L),
                        random.nextLong(1, 1_000_000), T0_NS + random.nextLong(0, 7_200_000_000_000L)));
            }
            final int escrowCount = random.nextInt(0, 300);
            for (int k = 0; k < escrowCount; k++) {
                final long opened = T0_NS + random.nextLong(0, 3_600_000_000_000L);
                final long updated = opened + (random.nextInt(10) == 0 ? 0 : random.nextLong(0, 3_600_000_000_000L));
                escrows.add(new Escrow("ESC-" + k, 1 + random.nextInt(2), random.nextLong(0, 1L << 50),
                        STATES.get(random.nextInt(STATES.size())), opened, updated));
            }
            final int runCount = random.nextInt(0, 200);
            for (int k = 0; k < runCount; k++) {
                // a run names the market, or (as verification does) its own subject; its escrow may be unknown here
                final String escrowId = "ESC-" + random.nextInt(Math.max(1, escrowCount + 20));
                runs.add(new Run(escrowId, List.of("GPT-FT-04", "VISION-V2", "MODEL-2").get(random.nextInt(3)),
                        List.of("PASS", "FAIL", "RUNNING").get(random.nextInt(3)),
                        T0_NS / 1_000_000 + random.nextLong(0, 7_200_000)));
            }
            insert(trades, escrows, runs);
            for (int w = 0; w < 8; w++) {
                final long fromNs = T0_NS + random.nextLong(0, 7_200_000_000_000L);
                final long toNs = fromNs + random.nextLong(1_000_000, 7_200_000_000_000L);
                final int instrument = 1 + random.nextInt(2);
                final String context = "seed " + seed + " window " + w;
                assertEquals(referenceTrades(trades, instrument, fromNs, toNs), models.tradeStats(instrument, fromNs, toNs),
                        context);
                assertEquals(Optional.of(referenceEscrows(escrows, instrument, fromNs, toNs)),
                        models.escrowStats(instrument, fromNs, toNs), context);
                final String symbol = instrument == 1 ? "GPT-FT-04" : "VISION-V2";
                assertEquals(Optional.of(referenceRuns(runs, escrows, instrument, symbol, fromNs / 1_000_000, toNs / 1_000_000)),
                        models.verificationStats(instrument, symbol, fromNs / 1_000_000, toNs / 1_000_000), context);
            }
        }
    }

    static TradeStats referenceTrades(final List<Trade> trades, final int instrument, final long fromNs, final long toNs) {
        long count = 0;
        long volume = 0;
        BigInteger pq = BigInteger.ZERO;
        for (final Trade t : trades) {
            if (t.instrumentId() == instrument && t.tradeNs() >= fromNs && t.tradeNs() < toNs) {
                count++;
                volume += t.quantityLots();
                pq = pq.add(BigInteger.valueOf(t.priceTicks()).multiply(BigInteger.valueOf(t.quantityLots())));
            }
        }
        return new TradeStats(count, volume, pq);
    }

    static EscrowStats referenceEscrows(final List<Escrow> escrows, final int instrument, final long fromNs, final long toNs) {
        BigInteger open = BigInteger.ZERO;
        BigInteger released = BigInteger.ZERO;
        final List<Long> latencies = new ArrayList<>();
        for (final Escrow e : escrows) {
            if (e.instrumentId() != instrument) {
                continue;
            }
            final boolean settled = e.state().equals("RELEASED") || e.state().equals("REFUNDED");
            final boolean inWindow = e.updatedNs() >= fromNs && e.updatedNs() < toNs;
            if (!settled) {
                open = open.add(BigInteger.valueOf(e.amount()));
            } else if (inWindow) {
                latencies.add(e.updatedNs() - e.openedNs());
                if (e.state().equals("RELEASED")) {
                    released = released.add(BigInteger.valueOf(e.amount()));
                }
            }
        }
        latencies.sort(null);
        return new EscrowStats(open, released, latencies.size(), nearestRank(latencies, 0.5), nearestRank(latencies, 0.99));
    }

    /** The smallest sample with at least a fraction p of the samples at or below it (rank ⌈p·n⌉). */
    static Long nearestRank(final List<Long> sorted, final double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        final int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    static VerificationStats referenceRuns(final List<Run> runs, final List<Escrow> escrows, final int instrument,
            final String symbol, final long fromMs, final long toMs) {
        long all = 0;
        long passes = 0;
        long fails = 0;
        for (final Run r : runs) {
            final boolean ofMarket = r.symbol().equals(symbol) || escrows.stream()
                    .anyMatch(e -> e.id().equals(r.escrowId()) && e.instrumentId() == instrument);
            if (ofMarket && r.startedMs() >= fromMs && r.startedMs() < toMs) {
                all++;
                passes += r.outcome().equals("PASS") ? 1 : 0;
                fails += r.outcome().equals("FAIL") ? 1 : 0;
            }
        }
        return new VerificationStats(all, passes, fails);
    }

    static void insert(final List<Trade> trades, final List<Escrow> escrows, final List<Run> runs) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trades (instrument_id, trade_id, maker_order_id,"
                    + " maker_account_id, taker_order_id, taker_account_id, taker_side, price_ticks, quantity_lots, notional,"
                    + " buyer_fee, seller_fee, settlement_id_hi, settlement_id_lo, trade_ns, log_position)"
                    + " VALUES (?, ?, 1, 2, 2, 1, 'BUY', ?, ?, 0, 0, 0, 0, ?, ?, ?)")) {
                for (final Trade t : trades) {
                    ps.setInt(1, t.instrumentId());
                    ps.setLong(2, t.tradeId());
                    ps.setLong(3, t.priceTicks());
                    ps.setLong(4, t.quantityLots());
                    ps.setLong(5, t.tradeId());
                    ps.setLong(6, t.tradeNs());
                    ps.setLong(7, t.tradeId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO escrows (escrow_id, settlement_id_hi,"
                    + " settlement_id_lo, instrument_id, trade_id, chain_id, buyer_account_id, seller_account_id, asset_id,"
                    + " amount, state, opened_ns, updated_ns) VALUES (?, 0, ?, ?, ?, 31337, 1, 2, 1, ?, ?, ?, ?)")) {
                long k = 0;
                for (final Escrow e : escrows) {
                    k++;
                    ps.setString(1, e.id());
                    ps.setLong(2, k);
                    ps.setInt(3, e.instrumentId());
                    ps.setLong(4, k);
                    ps.setLong(5, e.amount());
                    ps.setString(6, e.state());
                    ps.setLong(7, e.openedNs());
                    ps.setLong(8, e.updatedNs());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verification_runs (escrow_id, chain_id, symbol,"
                    + " asset_class, outcome, stages, quorum, started_at) VALUES (?, 31337, ?, 'API_QUOTA', ?,"
                    + " '[]'::jsonb, 3, ?)")) {
                for (final Run r : runs) {
                    ps.setString(1, r.escrowId());
                    ps.setString(2, r.symbol());
                    ps.setString(3, r.outcome());
                    ps.setObject(4, OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.startedMs()), ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    static void exec(final String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
