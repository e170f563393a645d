package space.tokenta.store.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.store.ReferenceFold;
import space.tokenta.store.PostgresPerClass;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

class ProjectionTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Test
    void everyBatchKeepsAssetsBalancedAndCaughtUpStateEqualsEngineAndFold() throws Exception {
        final DataSource ds = POSTGRES.server().migratedDatabase();
        final InProcessEventSource source = new InProcessEventSource();
        final SeededWorkload workload = new SeededWorkload(source, 42, 3, 12);
        workload.setup();
        final SplittableRandom random = new SplittableRandom(7);
        final Projector projector = new Projector(ds, source, 1 + random.nextInt(40), CommitHook.NONE);
        int batches = 0;
        for (int round = 0; round < 12; round++) {
            workload.run(150);
            while (true) {
                final int written = projector.doWork();
                if (written == 0) {
                    break;
                }
                batches++;
                for (final Map.Entry<Integer, List<Long>> sum : ReferenceFold.assetSums(ds).entrySet()) {
                    assertEquals(List.of(0L, 0L), sum.getValue(), "asset " + sum.getKey() + " after batch " + batches);
                }
            }
            assertEquals(0, projector.lag());
            assertEquals(source.headPosition(), projector.projectedPosition());
            assertBalancesEqualEngine(ds, source);
            final ReferenceFold expected = ReferenceFold.of(source.entries());
            final ReferenceFold actual = ReferenceFold.fromDatabase(ds);
            assertEquals(expected.balances, actual.balances);
            assertEquals(expected.rowCounts, actual.rowCounts);
            assertEquals(expected.orders, actual.orders);
        }
        assertTrue(batches > 12, "batches: " + batches);
        assertTrue(ReferenceFold.of(source.entries()).rowCounts.get("trades") > 100, "workload trades");
        assertOpenOrdersEqualEngine(ds, source);
    }

    private static void assertBalancesEqualEngine(final DataSource ds, final InProcessEventSource source)
            throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT owner_id, asset_id, purpose, credits_posted - debits_posted,"
                        + " debits_pending, credits_pending FROM balances")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                final long owner = rs.getLong(1);
                final int asset = rs.getInt(2);
                final AccountPurpose purpose = AccountPurpose.valueOf(rs.getString(3));
                assertEquals((long) source.<Long>readEngine(e -> e.balance(owner, asset, purpose)), rs.getLong(4));
                assertEquals((long) source.<Long>readEngine(e -> e.pendingDebits(owner, asset, purpose)), rs.getLong(5));
                assertEquals((long) source.<Long>readEngine(e -> e.pendingCredits(owner, asset, purpose)), rs.getLong(6));
            }
            assertTrue(rows > 12);
        }
    }

    private static void assertOpenOrdersEqualEngine(final DataSource ds, final InProcessEventSource source)
            throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT order_id, remaining_lots, price_ticks FROM orders"
                        + " WHERE status IN ('OPEN', 'PARTIALLY_FILLED')")) {
            int open = 0;
            while (rs.next()) {
                open++;
                final long id = rs.getLong(1);
                assertEquals((long) source.<Long>readEngine(e -> e.openQuantity(id)), rs.getLong(2), "order " + id);
                assertEquals((long) source.<Long>readEngine(e -> e.openPrice(id)), rs.getLong(3), "order " + id);
            }
            assertEquals((int) source.<Integer>readEngine(e -> e.openOrderCount()), open);
        }
    }
}
