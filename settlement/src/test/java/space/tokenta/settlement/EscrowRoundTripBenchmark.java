package space.tokenta.settlement;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowRow;

/**
 * Prints (asserts nothing) the escrow round trip from the verdict quorum (verdict stored) to the
 * confirmed release (indexer final + engine posted), p50/p99 over {@code -Dtokenta.bench.trades}
 * sequential fills, timelock 0, on a dev chain with 1 s blocks and finality depth 2. Runs only with
 * {@code -Dtokenta.bench=true}.
 */
class EscrowRoundTripBenchmark {
    @TempDir
    Path dir;

    @Test
    void escrowRoundTrip() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("tokenta.bench"), "benchmark: run with -Dtokenta.bench=true");
        final int trades = Integer.getInteger("tokenta.bench.trades", 10);
        try (SettlementHarness h = new SettlementHarness(dir, 0, 120);
             SettlementService service = SettlementService.start(h.wiring(CrashPoints.NONE))) {
            h.depositOnChain(0, 1_000_000_000L);
            SettlementHarness.await("deposit", 60_000, () -> h.available(SettlementHarness.BUYER) == 1_000_000_000L);
            final List<String> ids = new ArrayList<>();
            final long start = System.nanoTime();
            for (int i = 0; i < trades; i++) {
                final String id = EscrowRow.escrowId(h.trade(SettlementHarness.HONEST, 10 + i, 1).tradeId());
                ids.add(id);
                SettlementHarness.await(id, 120_000, () -> service.escrows().find(id).map(r -> r.phase().isFinal()).orElse(false));
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final Histogram verdictToRelease = new Histogram(3);
            final Histogram fillToRelease = new Histogram(3);
            try (Connection c = h.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT settled_at_ms - verified_at_ms, settled_at_ms - trade_ns / 1000000 FROM settlement_escrows "
                            + "WHERE phase = 'RELEASED'"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    verdictToRelease.recordValue(Math.max(0, r.getLong(1)));
                    fillToRelease.recordValue(Math.max(0, r.getLong(2)));
                }
            }
            System.out.printf("escrow round trip, %d sequential fills in %.1f s (1 s blocks, finality depth 2, timelock 0):%n",
                    verdictToRelease.getTotalCount(), seconds);
            System.out.printf("  verdict quorum -> confirmed release (engine posted): p50 %d ms, p99 %d ms, max %d ms%n",
                    verdictToRelease.getValueAtPercentile(50), verdictToRelease.getValueAtPercentile(99),
                    verdictToRelease.getMaxValue());
            System.out.printf("  fill -> confirmed release (open, S1-S6, release, finality, post): p50 %d ms, p99 %d ms%n",
                    fillToRelease.getValueAtPercentile(50), fillToRelease.getValueAtPercentile(99));
        }
    }
}
