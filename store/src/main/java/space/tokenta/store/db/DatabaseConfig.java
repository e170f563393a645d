package space.tokenta.store.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the read models live: an embedded PostgreSQL under {@code dataDir} (the default) or an
 * external PostgreSQL named by a JDBC URL. {@code embeddedPort} 0 picks a free port.
 */
public record DatabaseConfig(Path dataDir, int embeddedPort, String externalUrl, String user, String password,
        int maxPoolSize) {

    public static final String ENV_URL = "TOKENTA_DB_URL";
    public static final String ENV_USER = "TOKENTA_DB_USER";
    public static final String ENV_PASSWORD = "TOKENTA_DB_PASSWORD";
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int MAX_POOL_SIZE = 64;

    public DatabaseConfig {
        if (externalUrl == null) {
            Objects.requireNonNull(dataDir, "dataDir is required for the embedded PostgreSQL");
        } else if (!externalUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("external database URL must start with jdbc:postgresql: but was "
                    + externalUrl);
        }
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("embeddedPort out of range: " + embeddedPort);
        }
        if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("maxPoolSize must be 1.." + MAX_POOL_SIZE + ": " + maxPoolSize);
        }
    }

    /** An embedded PostgreSQL with its data in {@code dataDir}, on a free port. */
    public static DatabaseConfig embedded(final Path dataDir) {
        return new DatabaseConfig(dataDir, 0, null, null, null, DEFAULT_POOL_SIZE);
    }

    /** An external PostgreSQL; user and password may be null when the URL carries them. */
    public static DatabaseConfig external(final String url, final String user, final String password) {
        return new DatabaseConfig(null, 0, url, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * {@code TOKENTA_DB_URL} (+ {@code TOKENTA_DB_USER}, {@code TOKENTA_DB_PASSWORD}) when set,
     * else the embedded PostgreSQL under {@code nodeDataDir/postgres}.
     */
    public static DatabaseConfig fromEnvironment(final Map<String, String> env, final Path nodeDataDir) {
        final String url = env.get(ENV_URL);
        if (url != null && !url.isBlank()) {
            return external(url.trim(), env.get(ENV_USER), env.get(ENV_PASSWORD));
        }
        return embedded(nodeDataDir.resolve("postgres"));
    }

    public boolean isEmbedded() {
        return externalUrl == null;
    }

    public DatabaseConfig withMaxPoolSize(final int size) {
        return new DatabaseConfig(dataDir, embeddedPort, externalUrl, user, password, size);
    }

    public DatabaseConfig withEmbeddedPort(final int port) {
        return new DatabaseConfig(dataDir, port, externalUrl, user, password, maxPoolSize);
    }
}
