package space.tokenta.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import space.tokenta.store.db.StoreDatabase;

/**
 * One PostgreSQL server per test class: embedded by default, or the server named by
 * {@code TOKENTA_TEST_DB_URL} (its user needs CREATEDB). Each test gets a fresh database.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String ENV_URL = "TOKENTA_TEST_DB_URL";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final EmbeddedPostgres embedded;
    private final Path dataDir;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    private TestPostgres(final EmbeddedPostgres embedded, final Path dataDir, final String adminUrl,
            final String user, final String password) {
        this.embedded = embedded;
        this.dataDir = dataDir;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static TestPostgres start() throws IOException {
        final String external = System.getenv(ENV_URL);
        if (external != null && !external.isBlank()) {
            return new TestPostgres(null, null, external.trim(), System.getenv("TOKENTA_TEST_DB_USER"),
                    System.getenv("TOKENTA_TEST_DB_PASSWORD"));
        }
        final Path dir = Files.createTempDirectory("tokenta-store-test");
        final EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .start();
        return new TestPostgres(pg, dir, pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase() throws SQLException {
        final String name = "tokenta_t_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        databases.add(name);
        return urlOf(name);
    }

    private String urlOf(final String database) {
        final int query = adminUrl.indexOf('?');
        final String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        final String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    /** {@code url} with this server's user and password as URL parameters (for tools that take only a URL). */
    public String withCredentials(final String url) {
        final StringBuilder b = new StringBuilder(url);
        if (user != null) {
            b.append(url.contains("?") ? '&' : '?').append("user=").append(user);
        }
        if (password != null) {
            b.append(b.indexOf("?") >= 0 ? '&' : '?').append("password=").append(password);
        }
        return b.toString();
    }

    /** A pool on {@code url}, closed with this server. */
    public HikariDataSource pool(final String url) {
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        final HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** A fresh database with the migrations applied. */
    public HikariDataSource migratedDatabase() throws SQLException {
        final HikariDataSource pool = pool(createDatabase());
        StoreDatabase.migrate(pool);
        return pool;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException, SQLException {
        for (final HikariDataSource pool : pools) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                    Statement s = c.createStatement()) {
                for (final String db : databases) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
            }
        }
    }
}
