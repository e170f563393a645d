package space.tokenta.store.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import space.tokenta.store.db.TableDigest;
import space.tokenta.store.source.EventSource;

/**
 * Empties every projected table and its stored position in one transaction, then replays the
 * source from the start. Escrows are kept: settlement writes them, the log does not describe them.
 */
public final class StoreRebuild {
    private final DataSource dataSource;
    private final EventSource source;
    private final int maxEntriesPerTransaction;

    public StoreRebuild(final DataSource dataSource, final EventSource source, final int maxEntriesPerTransaction) {
        this.dataSource = dataSource;
        this.source = source;
        this.maxEntriesPerTransaction = maxEntriesPerTransaction;
    }

    /** Truncates the projections and replays up to the source's current head; returns the entries replayed. */
    public long rebuild() throws SQLException {
        truncate(dataSource);
        final Projector projector = new Projector(dataSource, source, maxEntriesPerTransaction, CommitHook.NONE);
        return projector.catchUp();
    }

    /** Empties the projected tables and the stored position atomically. */
    public static void truncate(final DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("TRUNCATE " + String.join(", ", TableDigest.PROJECTED_TABLES.keySet()));
            s.execute("DELETE FROM projection_position WHERE projection = '" + ReadModelProjection.NAME + "'");
            c.commit();
        }
    }
}
