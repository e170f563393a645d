package space.tokenta.settlement;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import space.tokenta.settlement.indexer.IndexerDatabase;

/**
 * Settlement's tables (indexer and worker) on any DataSource: Flyway {@code db/settlement} with its
 * own history table, so it shares a database with the store's read models. On an empty database run
 * the store's migrations first (they expect an empty schema); settlement's baseline on a non-empty one.
 */
public final class SettlementSchema {
    private SettlementSchema() {
    }

    public static int migrate(final DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(IndexerDatabase.MIGRATIONS)
                .table(IndexerDatabase.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0").load().migrate()
                .migrationsExecuted;
    }
}
