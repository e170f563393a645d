package space.tokenta.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.store.PostgresPerClass;

class MigrationTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Test
    void migrationsApplyOnAnEmptyAndOnAnAlreadyMigratedDatabase() throws Exception {
        final DataSource ds = POSTGRES.server().pool(POSTGRES.server().createDatabase());
        final int first = StoreDatabase.migrate(ds);
        assertTrue(first >= 1, "applied on empty: " + first);
        for (final String table : TableDigest.PROJECTED_TABLES.keySet()) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
        assertEquals(0, StoreDatabase.migrate(ds), "nothing to apply the second time");
    }

    @Test
    void embeddedDatabaseKeepsItsDataFolderAcrossRestarts(@TempDir final Path dir) throws Exception {
        if (!POSTGRES.server().isEmbedded()) {
            return; // lifecycle of the embedded server only
        }
        final DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of(), dir);
        assertTrue(config.isEmbedded());
        try (StoreDatabase db = StoreDatabase.open(config)) {
            assertTrue(db.migrationsApplied() >= 1);
            assertTrue(db.jdbcUrl().contains("localhost") || db.jdbcUrl().contains("127.0.0.1"));
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO assets VALUES (7, 1, 1)");
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("postgres")));
        try (StoreDatabase db = StoreDatabase.open(config)) {
            assertEquals(0, db.migrationsApplied(), "already migrated");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT asset_id FROM assets")) {
                rs.next();
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @Test
    void configurationRejectsBadInputAndReadsTheEnvironment() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseConfig.external("jdbc:mysql://x/y", null, null));
        assertThrows(IllegalArgumentException.class, () -> DatabaseConfig.embedded(Path.of("d")).withMaxPoolSize(0));
        final DatabaseConfig external = DatabaseConfig.fromEnvironment(Map.of(DatabaseConfig.ENV_URL,
                "jdbc:postgresql://127.0.0.1:5432/t", DatabaseConfig.ENV_USER, "u"), Path.of("d"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/t", external.externalUrl());
        assertEquals("u", external.user());
        assertEquals(Path.of("d", "postgres"), DatabaseConfig.fromEnvironment(Map.of(), Path.of("d")).dataDir());
    }
}
