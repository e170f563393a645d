package space.tokenta.store.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.tokenta.store.PostgresPerClass;
import space.tokenta.store.db.TableDigest;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

class RebuildTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Test
    void rebuildEqualsIncrementalProjectionBuiltWhileTheProducerRan() throws Exception {
        final DataSource ds = POSTGRES.server().migratedDatabase();
        final InProcessEventSource source = new InProcessEventSource();
        final SeededWorkload workload = new SeededWorkload(source, 3, 4, 20);
        long maxLag = 0;
        try (ProjectorRunner runner = new ProjectorRunner(new Projector(ds, source, 50, CommitHook.NONE)).start()) {
            // The producer appends without waiting; the projector follows on its own thread and lags.
            workload.setup();
            for (int round = 0; round < 30; round++) {
                workload.run(100);
                maxLag = Math.max(maxLag, runner.lag());
            }
            assertTrue(runner.awaitPosition(source.headPosition(), 60_000), "caught up");
            assertEquals(0, runner.lag());
        }
        assertTrue(maxLag > 0, "the producer ran ahead of the projector at least once");
        final Map<String, String> incremental = TableDigest.digest(ds);

        // Damage a table, then rebuild with different transaction sizes: the digest must come back.
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM trades WHERE trade_id % 3 = 0");
        }
        assertNotEquals(incremental, TableDigest.digest(ds));
        final long replayed = new StoreRebuild(ds, source, 777).rebuild();
        assertEquals(source.entryCount(), replayed);
        assertEquals(incremental, TableDigest.digest(ds));

        final DataSource other = POSTGRES.server().migratedDatabase();
        new StoreRebuild(other, source, 1).rebuild();
        assertEquals(incremental, TableDigest.digest(other));
        assertTrue(incremental.get("candles").startsWith("0:") == false, "candles were projected");
    }
}
